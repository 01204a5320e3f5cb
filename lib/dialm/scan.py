"""Parameter scans and seeded toy ensembles of a study function: serially, or on a Dask cluster.

A study that outgrows a laptop — the pulls of the ω_a fit over 10⁴ toy experiments, a coverage
map over a (μ, b) grid — is the same code on one core, on a laptop's cores and on a department
cluster.  Without ``client`` everything runs serially in this process (the book builds that
way); with a ``distributed.Client`` the chunks run as Dask tasks on its workers::

    from distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))   # a laptop's two cores
    pulls = scan_toys(omega_a_toy, 10_000, seed=989, fixed=inputs, client=client, progress=True)

``Client("tcp://scheduler:8786")`` connects to a running cluster instead; on a batch system
(SLURM, PBS, ...) ``dask_jobqueue`` starts the workers as jobs, e.g.
``cluster = SLURMCluster(cores=8, memory="16GB"); cluster.scale(jobs=10); client = Client(cluster)``
(``dask_jobqueue`` is not installed with the book).

Results.  :func:`scan_grid` evaluates ``func(**point, **fixed)`` at every point of the Cartesian
product of the axes; :func:`scan_toys` evaluates ``func(seed=s_i, **fixed)`` for toys
i = 0 … n−1.  ``func`` returns a number or a fixed-shape tuple/array of numbers; the scan returns
a float64 array of shape (axis lengths…, result shape…) or (n_toys, result shape…).

Same numbers on any number of workers.  Every point is one independent call of ``func``, so
how the points are cut into chunks and which worker runs a chunk never enters a result: a
deterministic ``func`` gives bit-for-bit the serial array (on one kind of CPU: numba compiles
each kernel for the CPU it runs on).  Toy i's seed is drawn from the i-th child of
``numpy.random.SeedSequence(seed)`` (:func:`toy_seeds`), keyed by the toy's index — so the toys
are the same whatever the number of workers *and* whatever the chunk size, and toy 417 can be
re-run alone with ``func(seed=toy_seeds(seed, 417), **fixed)``.

Chunks.  Each Dask task costs the scheduler and the workers a fixed overhead: on the book's
2-core machine ``bench/bench_scan.py`` measured a few ms per task (``TASK_OVERHEAD_S``, its
order of magnitude; the benchmark prints the current value).  A chunk is therefore made large
enough to take ``TARGET_TASK_S`` = 0.5 s (≈ 100 × the overhead, so the overhead stays ≲ 1 %),
from the time of one probe call of ``func`` made in this process before the scan, but small
enough that there are at least ``CHUNKS_PER_WORKER`` = 4 chunks per worker thread (the last
chunk does not leave the other workers idle for long, and a worker that dies loses little
work).  ``chunk_size`` overrides the rule.  Serially there is no per-task cost and no probe:
the points run in one chunk (one point a chunk with ``progress``).

Failures.  A worker that dies mid-scan loses its running and stored chunks; the scheduler
re-runs them on the other workers (Dask's own recovery), and the result is the same.  A ``func``
that raises at some points does not stop the scan: every other point is computed, and then
:class:`ScanError` (a ``ValueError``) names the first failing point, its index, the exception,
and carries the full array (NaN at the failing points) in ``.values`` and every failure in
``.failures``.

Kernels.  ``func`` reaches the workers pickled.  A function of an importable module (``dialm``,
or a module of your own installed on the workers) goes by reference; a numba dispatcher pickles
as its Python function and a UUID (≈ 2 kB), and each worker compiles it on the first call or
loads the on-disk cache (``cache=True``) of the same installed module.  Keep kernels in modules,
never in a notebook cell: a function defined in a cell is pickled by value, and numba's
``cache=True`` does not work there.
"""

from __future__ import annotations

import inspect
import math
import reprlib
import time
import traceback
import uuid
from itertools import product

import numpy as np

from dialm._validate import count, rng_seed

__all__ = ["scan_grid", "scan_toys", "toy_seeds", "ScanError"]

#: Dask's per-task overhead on the book's 2-core machine (order of magnitude; bench/bench_scan.py
#: measures it: empty tasks through a LocalCluster of 2 worker processes).
TASK_OVERHEAD_S = 5e-3
#: A chunk is sized to take about this long (≈ 100 × TASK_OVERHEAD_S: overhead ≲ 1 %).
TARGET_TASK_S = 0.5
#: ... but there are at least this many chunks per worker thread (load balance, lost work).
CHUNKS_PER_WORKER = 4


class ScanError(ValueError):
    """``func`` raised (or returned no numbers) at some points of a scan.

    ``values``: the scan's full result array, NaN at the failing points; ``failures``: a list of
    dicts (``index``: the point's index, a tuple for a grid or the toy number; ``point``: its
    arguments; ``error``: the exception as text; ``traceback``: where it was raised).
    """

    def __init__(self, message, values, failures):
        super().__init__(message)
        self.values = values
        self.failures = failures


# --------------------------------------------------------------------------------------------
# argument checks
# --------------------------------------------------------------------------------------------
def _check_func(caller, func):
    if not callable(func):
        raise ValueError(f"{caller}: func = {reprlib.repr(func)} is not callable; pass the study "
                         "function itself (a function of an importable module)")
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):  # some builtins and numba dispatchers hide their signature
        return None
    params = sig.parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return None
    return [n for n, p in params.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def _check_names(caller, func, accepted, names, what):
    """Every name must be a str and a keyword parameter of ``func`` (when its signature says)."""
    for name in names:
        if not isinstance(name, str):
            raise ValueError(f"{caller}: {what} name {name!r} is not a str (the keyword of a "
                             f"parameter of {getattr(func, '__name__', 'func')})")
        if accepted is not None and name not in accepted:
            raise ValueError(f"{caller}: {what} {name!r} is not a parameter of "
                             f"{getattr(func, '__name__', 'func')}; its parameters are "
                             f"{', '.join(accepted)}")


def _check_fixed(caller, fixed):
    if fixed is None:
        return {}
    if not isinstance(fixed, dict):
        raise ValueError(f"{caller}: fixed = {reprlib.repr(fixed)} is not a dict of keyword "
                         "arguments passed unchanged to every call")
    return dict(fixed)


def _check_client(caller, client):
    if client is not None and not all(hasattr(client, a) for a in ("submit", "gather",
                                                                    "nthreads")):
        raise ValueError(f"{caller}: client = {reprlib.repr(client)} is not a distributed.Client "
                         "(None runs the scan serially in this process)")
    return client


def _check_chunk(caller, chunk_size):
    if chunk_size is None:
        return None
    return count(caller, "chunk_size", chunk_size, low=1, scalar=True)


# --------------------------------------------------------------------------------------------
# the work: one chunk of points (runs on a worker, or here when serial)
# --------------------------------------------------------------------------------------------
def _plain(x):
    """A point's coordinate as a plain Python value (for messages and failure records)."""
    return x.item() if isinstance(x, np.generic) else x


def _run_chunk(func, names, rows, fixed):
    """Call ``func`` at each row; returns (list of float64 arrays or None, list of failures).

    A failure is (position in the chunk, 'Type: message', traceback text); nothing raises."""
    values, failures = [], []
    for k, row in enumerate(rows):
        try:
            out = func(**dict(zip(names, row, strict=True)), **fixed)
        except Exception as exc:  # noqa: BLE001 — every failure is reported, none stops the scan
            values.append(None)
            failures.append((k, f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=6)))
            continue
        try:
            arr = np.asarray(out, dtype=np.float64)
        except (TypeError, ValueError):
            values.append(None)
            failures.append((k, f"returned {reprlib.repr(out)}, not a number or a tuple/array "
                                "of numbers", ""))
            continue
        values.append(arr)
    return values, failures


def _chunk_size(func, names, first_row, fixed, n, workers, chunk_size):
    """The chunk rule of the module docstring (one probe call of ``func`` here, timed)."""
    if chunk_size is not None:
        return chunk_size
    t0 = time.perf_counter()
    _run_chunk(func, names, [first_row], fixed)
    t_point = max(time.perf_counter() - t0, 1e-6)
    by_time = math.ceil(TARGET_TASK_S / t_point)
    by_balance = math.ceil(n / (CHUNKS_PER_WORKER * workers))
    return max(1, min(by_time, by_balance))


def _execute(caller, func, names, rows, fixed, client, chunk_size, progress, label):
    """Run the rows in chunks (serially or on ``client``); per-row values and failures, in order."""
    n = len(rows)
    if client is None and chunk_size is None:
        size = 1 if progress else n        # serially a chunk costs nothing: no probe needed
    else:
        workers = 1 if client is None else max(1, sum(client.nthreads().values()))
        size = _chunk_size(func, names, rows[0], fixed, n, workers, chunk_size)
    starts = range(0, n, size)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, desc=f"{caller}: {label}", unit="pt")
    values, failures = [None] * n, []
    try:
        if client is None:
            parts = []
            for s in starts:
                parts.append(_run_chunk(func, names, rows[s:s + size], fixed))
                if bar is not None:
                    bar.update(min(size, n - s))
        else:
            from distributed import as_completed

            token = uuid.uuid4().hex[:12]
            futures = [client.submit(_run_chunk, func, names, rows[s:s + size], fixed,
                                     key=f"dialm-{caller}-{token}-{c}", pure=False)
                       for c, s in enumerate(starts)]
            try:
                if bar is not None:
                    start_of = {fut.key: s for fut, s in zip(futures, starts, strict=True)}
                    for fut in as_completed(futures):
                        bar.update(min(size, n - start_of[fut.key]))
                parts = client.gather(futures)
            finally:
                client.cancel(futures)
    finally:
        if bar is not None:
            bar.close()
    for s, (vals, fails) in zip(starts, parts, strict=True):
        values[s:s + len(vals)] = vals
        failures += [(s + k, err, tb) for k, err, tb in fails]
    return values, failures


def _assemble(caller, values, failures, shape, describe):
    """Stack the per-point arrays into (shape + result shape); ScanError if any point failed."""
    good = [v for v in values if v is not None]
    out_shape = good[0].shape if good else ()
    for i, v in enumerate(values):
        if v is not None and v.shape != out_shape:
            first = next(j for j, w in enumerate(values) if w is not None)
            raise ValueError(f"{caller}: func returned shape {v.shape} at {describe(i)} but "
                             f"{out_shape} at {describe(first)}; every point must return the "
                             "same shape")
    result = np.full(tuple(shape) + out_shape, np.nan)
    flat = result.reshape((-1,) + out_shape)
    for i, v in enumerate(values):
        if v is not None:
            flat[i] = v
    if failures:
        i, err, _ = failures[0]
        raise ScanError(
            f"{caller}: func failed at {len(failures)} of {len(values)} points; the first at "
            f"{describe(i)}: {err}  (every other point was computed: the array is in "
            ".values, NaN where func raised; each failure is in .failures)",
            result, [{"index": _index(shape, j), "point": describe(j, as_dict=True), "error": e,
                      "traceback": tb} for j, e, tb in failures])
    return result


def _index(shape, i):
    return tuple(int(k) for k in np.unravel_index(i, shape)) if len(shape) > 1 else int(i)


# --------------------------------------------------------------------------------------------
# public
# --------------------------------------------------------------------------------------------
def scan_grid(func, grid, fixed=None, client=None, chunk_size=None, progress=False):
    """Evaluate ``func(**point, **fixed)`` at every point of a parameter grid, in chunks.

    ``grid``: a dict {parameter name: 1-d sequence of values}; the points are the Cartesian
    product of the axes in the dict's order (the last axis varies fastest, as in a C array).
    ``fixed``: keyword arguments passed unchanged to every call.  ``client``: None (serial, in
    this process) or a ``distributed.Client`` (a ``LocalCluster``, a scheduler's address,
    ``dask_jobqueue``); ``chunk_size``: points per task (default: the rule of the module
    docstring); ``progress``: a progress bar (tqdm; a widget in a notebook).  ``func`` must live
    in an importable module (numba kernels included: never in a notebook cell), return a number
    or a fixed-shape tuple/array of numbers, and be a keyword function of the grid's names.
    Returns a float64 array of shape (len(axis) for each axis…, result shape…).  Raises
    :class:`ScanError` (a ``ValueError``) naming the first point where ``func`` raised, after
    computing every other point.
    Accuracy: exact — every value is func's own, bit for bit the serial result, whatever the
    number of workers or the chunk size (for a deterministic func, on one kind of CPU).

    >>> from dialm.limits import poisson_upper_limit
    >>> scan_grid(poisson_upper_limit, {"n_obs": [0, 1, 2], "background": [0.0, 0.5]}).round(4)
    array([[2.3026, 1.8026],
           [3.8897, 3.3897],
           [5.3223, 4.8223]])
    """
    caller = "scan_grid"
    accepted = _check_func(caller, func)
    if not isinstance(grid, dict) or not grid:
        raise ValueError(f"{caller}: grid = {reprlib.repr(grid)} is not a non-empty dict "
                         "{parameter name: 1-d sequence of values}")
    fixed = _check_fixed(caller, fixed)
    _check_names(caller, func, accepted, grid, "grid parameter")
    _check_names(caller, func, accepted, fixed, "fixed parameter")
    if both := set(grid) & set(fixed):
        raise ValueError(f"{caller}: parameter {sorted(both)[0]!r} is both a grid axis and fixed; "
                         "give it in one of the two")
    axes = {}
    for name, values in grid.items():
        arr = np.asarray(values)
        if arr.ndim != 1:
            raise ValueError(f"{caller}: axis {name!r} must be a 1-d sequence of values; got shape "
                             f"{arr.shape}")
        if arr.size == 0:
            raise ValueError(f"{caller}: axis {name!r} is empty; give it at least one value")
        axes[name] = [_plain(x) for x in arr]
    client = _check_client(caller, client)
    chunk_size = _check_chunk(caller, chunk_size)
    names = tuple(axes)
    shape = tuple(len(v) for v in axes.values())
    rows = list(product(*axes.values()))

    def describe(i, as_dict=False):
        point = dict(zip(names, rows[i], strict=True))
        if as_dict:
            return point
        text = ", ".join(f"{k}={v!r}" for k, v in point.items())
        return f"point {_index(shape, i)} ({text})"

    values, failures = _execute(caller, func, names, rows, fixed, client, chunk_size, progress,
                                getattr(func, "__name__", "func"))
    return _assemble(caller, values, failures, shape, describe)


def toy_seeds(seed, index):
    """Seed of toy ``index`` in :func:`scan_toys` with base ``seed``: 0 <= value < 2**32.

    The first 32-bit word of the state of ``SeedSequence(seed).spawn(...)[index]`` (the
    child keyed by the toy's index), a valid seed for numpy and for dialm's numba kernels.  32
    bits is what numba's ``np.random.seed`` takes; two of n toys share a seed (and so are the
    same toy) with probability ≈ n²/2³³: 1 % for 10⁴ toys.
    ``index``: a toy number or an array of them (0, 1, 2, ...); broadcasts.
    Accuracy: exact — integers, the same on every machine (numpy's SeedSequence hashing).

    >>> int(toy_seeds(989, 0)) == int(toy_seeds(989, [0, 1])[0])
    True
    """
    caller = "toy_seeds"
    base = rng_seed(caller, "seed", seed)
    idx = count(caller, "index", index)
    out = np.array([np.random.SeedSequence(base, spawn_key=(int(i),)).generate_state(1)[0]
                    for i in idx.ravel()], dtype=np.int64).reshape(idx.shape)
    return int(out) if out.ndim == 0 else out


def scan_toys(func, n_toys, seed, fixed=None, client=None, chunk_size=None, progress=False):
    """Evaluate ``func(seed=s_i, **fixed)`` for a seeded ensemble of ``n_toys`` toys, in chunks.

    Toy i's seed s_i = ``toy_seeds(seed, i)``: keyed by the toy's index, so the ensemble is the
    same serially or on any number of workers and for any chunk size.  ``seed``: the ensemble's
    base seed (0 <= seed < 2**32).  ``fixed``, ``client``, ``chunk_size``, ``progress`` as in
    :func:`scan_grid`.  ``func`` must take a keyword ``seed`` (an int 0 <= seed < 2**32), live in
    an importable module (numba kernels included: never in a notebook cell) and return a number
    or a fixed-shape tuple/array of numbers.  Returns a float64 array (n_toys, result shape…).
    Raises :class:`ScanError` (a ``ValueError``) naming the first toy where ``func`` raised,
    after computing every other toy.
    Accuracy: exact — every value is func's own at its toy's seed, bit for bit the serial result
    whatever the number of workers or the chunk size (on one kind of CPU).

    >>> import numpy as np
    >>> def first_draw(seed):
    ...     return np.random.default_rng(seed).random()
    >>> a = scan_toys(first_draw, 5, seed=1)
    >>> bool(np.array_equal(a, scan_toys(first_draw, 5, seed=1, chunk_size=2)))
    True
    """
    caller = "scan_toys"
    accepted = _check_func(caller, func)
    n = count(caller, "n_toys", n_toys, low=1, scalar=True)
    base = rng_seed(caller, "seed", seed)
    fixed = _check_fixed(caller, fixed)
    _check_names(caller, func, accepted, ["seed"], "toy parameter")
    _check_names(caller, func, accepted, fixed, "fixed parameter")
    if "seed" in fixed:
        raise ValueError(f"{caller}: 'seed' is set per toy; remove it from fixed (the ensemble's "
                         "base seed is the argument seed)")
    client = _check_client(caller, client)
    chunk_size = _check_chunk(caller, chunk_size)
    seeds = toy_seeds(base, np.arange(n))
    rows = [(int(s),) for s in seeds]

    def describe(i, as_dict=False):
        return {"seed": rows[i][0]} if as_dict else f"toy {i} (seed={rows[i][0]})"

    values, failures = _execute(caller, func, ("seed",), rows, fixed, client, chunk_size, progress,
                                getattr(func, "__name__", "func"))
    return _assemble(caller, values, failures, (n,), describe)
