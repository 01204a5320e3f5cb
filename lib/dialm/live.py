"""Widget callbacks that show a bad input's message where the figure is, instead of a traceback.

A student drags a slider to a corner where the physics has no answer (a closed decay, a coupling
whose band does not exist): the public functions of :mod:`dialm` then raise ``ValueError`` with a
message naming the parameter and its allowed range.  In a widget callback a traceback would land
in a log the student never sees, and the figure would silently stop updating.  :func:`guarded`
wraps the callback: the ``ValueError``'s message is shown in the readout (a ``DisplayHandle`` or
an ``Output`` area) and the last good figure stays.  Any other exception is a bug and propagates.

Usage in a chapter::

    on_change = guarded(on_change, readout)      # readout = display(..., display_id=True)
    for w in sliders: w.observe(on_change, names="value")
"""

from __future__ import annotations

import functools

from IPython.display import Markdown

__all__ = ["warning", "guarded"]


def warning(err: Exception) -> Markdown:
    """The readout shown instead of a result: the message of ``err`` (a ValueError of dialm).

    >>> warning(ValueError("f: m = -1 is outside the allowed range 0 < m < inf")).data
    '**Cannot compute here** — f: m = -1 is outside the allowed range 0 < m < inf'
    """
    return Markdown(f"**Cannot compute here** — {err}")


def guarded(callback, readout=None):
    """``callback`` with its ``ValueError`` shown in ``readout`` instead of raised.

    ``readout`` is a ``DisplayHandle`` (updated in place) or ``None`` (the message is displayed in
    the current output, e.g. inside ``ipywidgets.interactive_output``).  Returns the wrapped
    callback; its return value is the callback's, or the warning when the input was bad.

    >>> from types import SimpleNamespace
    >>> shown = []
    >>> handle = SimpleNamespace(update=lambda obj: shown.append(obj.data))
    >>> def redraw(m):
    ...     if m <= 0:
    ...         raise ValueError(f"redraw: m = {m} is outside the allowed range 0 < m < inf")
    ...     return m
    >>> guarded(redraw, handle)(2.0), shown
    (2.0, [])
    >>> _ = guarded(redraw, handle)(-1.0); shown[0][:42]
    '**Cannot compute here** — redraw: m = -1.0'
    """
    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except ValueError as err:
            shown = warning(err)
            if readout is None:
                from IPython.display import display

                display(shown)
            else:
                readout.update(shown)
            return shown

    return wrapper
