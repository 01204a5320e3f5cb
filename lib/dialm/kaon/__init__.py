"""Rare kaon decays, one module a topic; every public name is re-exported here.

* :mod:`dialm.kaon.pinunu` — K → πνν̄: the Inami–Lim function X₀, the K_ℓ3 normalisation κ, the
  Grossman–Nir factor, the s → dνν̄ amplitude and B(K⁺ → π⁺νν̄), B(K_L → π⁰νν̄)
  (book/kaons/pinunu.md).
* :mod:`dialm.kaon.na62` — K⁺ → μ⁺ν_μV at NA62: |M|², Dalitz limits, dΓ/dm²_miss, the branching
  ratio, the Monte Carlo, the K⁺ → μ⁺νγ inner-bremsstrahlung background and the reach
  (book/singlets/na62.md, used across Part II).
* :mod:`dialm.kaon.kl_leptons` — K_L → ℓ⁺ℓ⁻ (two-photon bound, Y₀, short distance) and
  K_L → π⁰ℓ⁺ℓ⁻ (direct, indirect, interference, phase space, the Greenlee background)
  (book/kaons/kl_mumu.md and book/kaons/kl_pi0ll.md).
* :mod:`dialm.kaon.two_photons` — P → γγ, form factors, Dalitz and double-Dalitz decays, radiative
  K_ℓ2 and the ππ phase shifts of K_e4 (book/kaons/two_photons.md).
* :mod:`dialm.kaon._common` — what pinunu and kl_leptons share: the s → d amplitude of a CKM
  matrix and the λ⁸ scaling of a normalisation κ.

``from dialm.kaon import br_kplus_pinunu`` and ``from dialm.kaon.pinunu import br_kplus_pinunu``
are the same function.  Everything is dimensionless except where a docstring says otherwise
(masses in GeV, invariants in GeV², lifetimes in s).  Public functions broadcast like ufuncs; a
scalar in gives a float out.  Bad input raises ``ValueError`` naming the parameter, the value and
the allowed range.
"""

from __future__ import annotations

from dialm.kaon import kl_leptons, na62, pinunu, two_photons
from dialm.kaon.kl_leptons import *  # noqa: F403
from dialm.kaon.na62 import *  # noqa: F403
from dialm.kaon.pinunu import *  # noqa: F403
from dialm.kaon.two_photons import *  # noqa: F403

#: the topic modules, in the order of the section map above
SUBMODULES = (pinunu, na62, kl_leptons, two_photons)

__all__ = [name for module in SUBMODULES for name in module.__all__]
