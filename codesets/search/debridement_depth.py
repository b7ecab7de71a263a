"""The depth of an excisional debridement names its body part (ICD-10-PCS guideline B3.5: of overlapping
layers the deepest one debrided is coded). "Excisional debridement of sacral pressure ulcer to bone" is the
Excision of the sacrum (0QB10ZZ), "... to muscle" of the region's muscle, "... to subcutaneous tissue" of the
region's subcutaneous tissue and fascia (0JB); the ulcer or wound is the reason, named by no title.

    out = deepest_layer(words, groups, out)   # groups and the title words, adjusted
"""

from __future__ import annotations

from collections.abc import Sequence

from codesets.search.procedure_vocab import best_pattern, root_operation

# The words that say how deep ("to bone", "down to and including muscle", "into the fascia").
_DEPTH_CUES = frozenset("to into including involving through".split())
_LAYERS = {"bone": "bone", "bones": "bone", "muscle": "muscle", "muscles": "muscle", "fascia": "subcutaneous",
           "subcutaneous": "subcutaneous", "subq": "subcutaneous", "sq": "subcutaneous"}
# A pressure-ulcer site by its layers' body parts (Body Part Key: the sacrum and coccyx are the Lower Bones'
# own values, the ischium the pelvic bone, the greater trochanter the upper femur, the calcaneus a tarsal;
# the gluteal muscles the hip muscles; the sacral, ischial and gluteal skin and fat the buttock's).
_Layers = dict[str, tuple[str, ...]]
_SACRAL: _Layers = {"bone": ("sacrum",), "muscle": ("hip", "muscle"), "subcutaneous": ("buttock",)}
_COCCYX: _Layers = {**_SACRAL, "bone": ("coccyx",)}
_PELVIC: _Layers = {**_SACRAL, "bone": ("pelvic", "bone")}
_HIP: _Layers = {"bone": ("upper", "femur"), "muscle": ("hip", "muscle"), "subcutaneous": ("upper", "leg")}
_HEEL: _Layers = {"bone": ("tarsal",), "muscle": ("foot", "muscle"), "subcutaneous": ("foot",)}
_SITES: dict[str, _Layers] = {
    "sacral": _SACRAL, "sacrum": _SACRAL, "coccyx": _COCCYX, "coccygeal": _COCCYX, "ischial": _PELVIC,
    "ischium": _PELVIC, "gluteal": _PELVIC, "buttock": _PELVIC, "trochanteric": _HIP, "trochanter": _HIP,
    "heel": _HEEL, "calcaneal": _HEEL,
}
# What the site words and the ulcer read as before (abbreviations, vocabulary): left out of the title words.
_SITE_READINGS = frozenset("sacral region sacrum coccyx ischial ischium gluteal buttock trochanteric "
                           "trochanter heel foot calcaneal calcaneus".split())
_REASON = frozenset("pressure ulcer ulcers injury decubitus wound stage down and the of including to into "
                    "involving through bone bones muscle muscles fascia subcutaneous subq sq tissue".split())
_TABLES = {"bone": None, "muscle": "0KB", "subcutaneous": "0JB"}


def _depth(words: Sequence[str]) -> str | None:
    """The deepest layer the words say the debridement reached, else None."""
    found = None
    for n, w in enumerate(words):
        if w in _LAYERS and any(c in _DEPTH_CUES for c in words[max(0, n - 4) : n]):
            layer = _LAYERS[w]
            found = layer if found is None or ("bone", "muscle", "subcutaneous").index(layer) < (
                "bone", "muscle", "subcutaneous").index(found) else found
    return found


def deepest_layer(words: Sequence[str], groups: dict[str, dict[str, float]], out: list[str]) -> list[str]:
    """The title words of the deepest layer an Excision reached ("... to bone"), the region's body part of
    that layer in place of the ulcer's site; the words unchanged when no depth is said."""
    ops = groups.get("op", {})
    if not ("debridement" in words or "debrided" in words) or root_operation(best_pattern(ops)) != "B":
        return out
    layer = _depth(words)
    if layer is None:
        return out
    site = next((_SITES[w][layer] for w in words if w in _SITES), None)
    noun = {"bone": (), "muscle": (), "subcutaneous": ("subcutaneous", "tissue", "and", "fascia")}[layer]
    if site is None:  # another region ("left foot wound to subcutaneous tissue"): its own words, the layer's
        kept = [w for w in out if w not in _REASON and not w.isdigit()]  # "stage 4": the ulcer's
        site = ("bone",) if layer == "bone" else ("muscle",) if layer == "muscle" else ()
    else:
        kept = [w for w in out if w not in _REASON and w not in _SITE_READINGS and not w.isdigit()]
    table = _TABLES[layer]
    if table is not None:
        for p in ops:
            ops[p] = min(ops[p], 0.9)
        ops[table] = 1.0
    return [*kept, *site, *noun]
