"""Benchmark: K→πνν̄ branching ratios of dialm against flavio, the field's established package.

flavio 2.7.1 needs ``particle<0.25``, which the book's environment does not pin, so it runs in a side
environment, ``bench/.venv-flavio`` (git-ignored), made by this script on first use from the package
registry (pinned: flavio 2.7.1, particle 0.24.0).  There flavio gives its SM predictions, its CKM
matrix, its top function X_t and its charm term P_c + δP_c,u, and its time per prediction.  Here
dialm evaluates the same two branching ratios

1. with flavio's inputs (its CKM matrix, X_t, P_c + δP_c,u and its κ's, which flavio rescales from
   Mescia & Smith's to its own α and sin²θ_W): a cross-check of the two implementations of eq. 26
   of the review (they must agree to rounding), and
2. with dialm's own cited defaults (X_t = 1.481, P_c = 0.404, the −0.3 % QED correction of K⁺
   that flavio leaves out): the spread between two published input sets,

and times both on 10⁴ CKM matrices (vectorised) against flavio's per-call cost.

Writes bench/results/bench_flavio.json.  Run: ``.venv/bin/python bench/bench_flavio.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIDE = HERE / ".venv-flavio"
SIDE_PY = SIDE / "bin" / "python"
PINS = ["flavio==2.7.1", "particle==0.24.0"]

PEER = r'''
import json, time
import numpy as np
import flavio
from flavio.physics import ckm
from flavio.physics.bdecays.wilsoncoefficients import CL_SM
from flavio.physics.kdecays.kpinunu import kappa_nu_tilde, kpinunu_charm
par = flavio.default_parameters.get_central_all()
scale = flavio.config["renormalization scale"]["kdecays"]
out = {"br_kplus": flavio.sm_prediction("BR(K+->pinunu)"),
       "br_kl": flavio.sm_prediction("BR(KL->pinunu)"),
       "ckm": [[[z.real, z.imag] for z in row] for row in ckm.get_ckm(par)],
       "x_t": float(-CL_SM(par, scale) * par["s2w"]),
       "p_c": float(kpinunu_charm(par) + par["deltaPcu"]),
       # flavio's effective kappas (Mescia-Smith's, rescaled to its alpha and sin^2 theta_W),
       # quoted like dialm's at lambda = 0.225
       "kappa_plus": kappa_nu_tilde(par, "plus") * 0.225**8,
       "kappa_l": kappa_nu_tilde(par, "long") * 0.225**8,
       "kappa_plus_mescia_smith": par["kappa_plus_tilde"], "kappa_l_mescia_smith": par["kappa_L_tilde"],
       "version": flavio.__version__}
n = 50
t0 = time.perf_counter()
for _ in range(n):
    flavio.sm_prediction("BR(K+->pinunu)")
    flavio.sm_prediction("BR(KL->pinunu)")
out["t_per_pair_s"] = (time.perf_counter() - t0) / n
print(json.dumps(out))
'''


def side_environment() -> Path:
    if not SIDE_PY.exists():
        print(f"creating {SIDE} with {' '.join(PINS)} (once)", flush=True)
        venv.EnvBuilder(with_pip=True).create(SIDE)
        subprocess.run([str(SIDE_PY), "-m", "pip", "install", "--quiet", *PINS], check=True)
    return SIDE_PY


def main() -> None:
    import numpy as np
    from common import best_of, row, write_result

    from dialm.ckm import ckm_matrix
    from dialm.kaon import br_kl_pi0nunu, br_kplus_pinunu

    peer = json.loads(subprocess.run([str(side_environment()), "-c", PEER], check=True,
                                     capture_output=True, text=True).stdout.strip().splitlines()[-1])
    V = np.array([[complex(*z) for z in r] for r in peer["ckm"]])
    same = dict(x_t=peer["x_t"], p_c=peer["p_c"])
    lam = abs(V[0, 1])   # flavio's kappas and its charm term are normalised to |V_us|
    # flavio has no QED correction to K+ (dialm's default delta_em = -0.3 %, Mescia & Smith)
    ours_same = (br_kplus_pinunu(V, kappa_plus=peer["kappa_plus"], lam=lam, delta_em=0.0, **same),
                 br_kl_pi0nunu(V, kappa_l=peer["kappa_l"], lam=lam, **same))
    ours_default = (br_kplus_pinunu(V), br_kl_pi0nunu(V))
    diff_same = [abs(a / b - 1) for a, b in zip(ours_same, (peer["br_kplus"], peer["br_kl"]),
                                                 strict=True)]
    diff_default = [a / b - 1 for a, b in zip(ours_default, (peer["br_kplus"], peer["br_kl"]),
                                              strict=True)]
    rng = np.random.default_rng(7)
    n = 10_000
    Vs = ckm_matrix(rng.uniform(0.2, 0.25, n), rng.uniform(0.7, 0.9, n), rng.uniform(-0.2, 0.5, n),
                    rng.uniform(0.1, 0.6, n))
    br_kplus_pinunu(Vs[:2])
    t_ours, _ = best_of(lambda: (br_kplus_pinunu(Vs), br_kl_pi0nunu(Vs)), repeat=3)
    t_flavio = peer["t_per_pair_s"] * n
    print(f"flavio {peer['version']}: B(K+) = {peer['br_kplus']:.4e}, B(K_L) = {peer['br_kl']:.4e} "
          f"(X_t = {peer['x_t']:.4f}, P_c + dP_cu = {peer['p_c']:.4f})")
    print(f"dialm with flavio's inputs: {ours_same[0]:.4e}, {ours_same[1]:.4e} -> relative "
          f"differences {diff_same[0]:.1e}, {diff_same[1]:.1e}")
    print(f"dialm with its own cited inputs: {ours_default[0]:.4e} ({diff_default[0]:+.1%}), "
          f"{ours_default[1]:.4e} ({diff_default[1]:+.1%})")
    print(f"both BRs for {n} CKM matrices: dialm {t_ours * 1e3:.1f} ms, flavio "
          f"{t_flavio:.1f} s ({peer['t_per_pair_s'] * 1e3:.2f} ms a pair, extrapolated) -> ratio "
          f"{t_flavio / t_ours:.0f}x")
    write_result("bench_flavio", {
        "flavio": peer, "dialm_with_flavio_inputs": list(ours_same), "rel_diff_same_inputs": diff_same,
        "dialm_defaults": list(ours_default), "rel_diff_default_inputs": diff_default,
        "n_matrices": n, "t_dialm_s": t_ours, "t_flavio_s_extrapolated": t_flavio,
    }, rows=[row("br_kplus_pinunu + br_kl_pi0nunu", f"{n} CKM matrices", t_ours,
                 f"flavio {peer['version']} sm_prediction (extrapolated)", t_flavio,
                 max(diff_same), "flavio, same inputs")])


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
