# Appended by the root conftest.py as the last cell of every chapter run under nbval (the book
# build never runs it).  Students drag every slider to its end: here each control of the chapter
# that has a value observer is set, one at a time and with the others at their defaults, to each
# end of its range (every option of a dropdown or toggle).  Those single-control settings must give
# a result, not the "Cannot compute here" readout: a slider whose end is unphysical has the wrong
# range.  Then every control is put at an end at once (all corners reachable by setting each
# control once); there a readout message is allowed — combinations can close a decay — but no
# exception may escape a callback.  Finally every control goes back to its default.
import ipywidgets as _W
from ipywidgets.widgets.widget import _instances as _instances

import dialm.live as _live

_messages = []
_warning = _live.warning


def _record(err):
    _messages.append(str(err))
    return _warning(err)


_live.warning = _record


def _ends(w):
    if isinstance(w, (_W.FloatLogSlider,)):
        return [w.base ** w.min, w.base ** w.max]
    if isinstance(w, (_W.FloatSlider, _W.IntSlider, _W.FloatRangeSlider, _W.IntRangeSlider,
                      _W.BoundedFloatText, _W.BoundedIntText)):
        if isinstance(w.value, tuple):
            return [(w.min, w.min), (w.max, w.max), (w.min, w.max)]
        return [w.min, w.max]
    if isinstance(w, (_W.SelectionSlider, _W.Dropdown, _W.ToggleButtons, _W.RadioButtons, _W.Select)):
        return [o[1] if isinstance(o, tuple) else o for o in w.options]
    if isinstance(w, (_W.Checkbox, _W.ToggleButton)):
        return [not w.value, w.value]
    return []


def _observed(w):
    notifiers = getattr(w, "_trait_notifiers", {}).get("value", {})
    return any(len(v) for v in notifiers.values()) if isinstance(notifiers, dict) else bool(notifiers)


_controls = [w for w in list(_instances.values()) if hasattr(w, "value") and _observed(w) and _ends(w)]
assert _controls, "the chapter imports ipywidgets but has no control with a value observer"
_defaults = [w.value for w in _controls]
_failures = []
try:
    for _w, _default in zip(_controls, _defaults, strict=True):
        for _v in _ends(_w):
            _messages.clear()
            _w.value = _v
            if _messages:
                _failures.append(f"{type(_w).__name__} {_w.description!r} = {_v!r}: {_messages[0]}")
        _w.value = _default
    for _k in range(2):  # every control at its first end, then every control at its last
        for _w in _controls:
            _w.value = _ends(_w)[-_k]
finally:
    for _w, _default in zip(_controls, _defaults, strict=True):
        _w.value = _default
    _live.warning = _warning
assert not _failures, "a control reaches a value where the chapter cannot compute:\n" + "\n".join(_failures)
print(f"widget ends: {len(_controls)} controls, each to its ends, then all at once")
