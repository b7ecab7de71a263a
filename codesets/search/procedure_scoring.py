"""Axis scoring for procedure search: how well each candidate ICD-10-PCS code agrees with the axes a
query names (an `Intent`, read by codesets/search/procedure.py).

    chars = code_chars(data.doc_code)           # the characters of every code, once per index
    scores *= axis_factors(intent, chars[docs]) # 1 where every axis agrees, lower where one does not

Axes the query leaves unstated prefer the plain choice (no device, no qualifier, open before the
rest); codes whose axes disagree rank lower, never vanish.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from codesets.search.index import TEXT_GEM
from codesets.search.procedure_vocab import Intent, best_pattern, root_operation

# A candidate whose axis disagrees with a named value keeps this share of its score.
MISMATCH = {"op": 0.55, "app": 0.7, "dev": 0.8, "qual": 0.8, "dur": 0.7, "count": 0.85}
# Unstated axes of a section-0 code: the plain choice first (what most op notes mean when silent).
DEFAULT_APPROACH = {"____0": 1.0, "____4": 0.985, "____3": 0.975, "____8": 0.97, "____7": 0.96,
                    "____X": 0.975}
# Dilation and insertion (stents, lines, leads) are mostly done through a needle or catheter.
PERCUTANEOUS_FIRST = {"____3": 1.0, "____0": 0.975, "____4": 0.97, "____8": 0.97, "____7": 0.96,
                      "____X": 0.97}
DEFAULT_OTHER = {"app": 0.95, "dev": 0.9, "qual": 0.95}
# No device named: No Device (Z) first where the row allows it (the device is optional: a drainage, an
# excision); else the general value of the device kinds a table offers, before the specific ones the Device
# Aggregation table rolls up into it: Synthetic Substitute (J) before reverse ball-and-socket, cemented or
# tissue substitutes, Internal Fixation Device (4) before intramedullary or sustained compression ones
# ("arthrodesis ankle" 0SGF04Z, not the table's first code 0SGF03Z); the others after, in code order.
PLAIN_DEVICE = {"_____Z": 1.0, "_____J": 0.93, "_____4": 0.93}
# A tube with a natural opening (airway, gut, bile ducts, urinary and genital tracts: body systems B C D F
# T U V) is dilated from inside, through a scope or the opening itself, when the query does not say how.
NATURAL_OPENING_SYSTEMS = b"BCDFTUV"
# The gut's own body parts (0D1-0DQ: esophagus to anus, not the omentum, mesentery or peritoneum) are
# biopsied through a scope when the query does not say how ("antral biopsy" 0DB78ZX).
GUT_TRACT = b"123456789ABCDEFGHJKLMNPQ"
# ... and the liver (0FB0-0FB2) and kidneys (0TB0, 0TB1) through a needle ("liver biopsy" 0FB03ZX).
NATURAL_FIRST = {"____8": 1.0, "____7": 0.985, "____3": 0.975, "____4": 0.97, "____0": 0.965,
                 "____X": 0.96}
# An inspection coded on its own is looked at through a scope: a tract with a natural opening from inside
# (colonoscopy 0DJD8ZZ, bronchoscopy 0BJ08ZZ, cystoscopy 0TJB8ZZ), a joint through an arthroscope (0SJC4ZZ;
# ICD-10-PCS Index: Arthroscopy see Inspection, Joints), when the query does not say how. An open
# inspection is mostly part of another procedure on the same site, not coded (guideline B3.11b).
JOINT_SYSTEMS = b"RS"
ENDOSCOPIC_FIRST = {"____4": 1.0, "____0": 0.975, "____3": 0.97, "____X": 0.965, "____8": 0.96,
                    "____7": 0.96}
# ICD-10-PCS guideline B5.3a: procedures within an orifice on structures visible without instruments
# (tonsils, tongue, teeth, palate) are External; in the Mouth and Throat body system (C) X comes first.
EXTERNAL_FIRST = {"____X": 1.0, "____0": 0.975, "____8": 0.97, "____7": 0.965, "____3": 0.96,
                  "____4": 0.96}
DIAGNOSTIC_UNSTATED = 0.85  # qualifier X (Diagnostic) when the query does not say biopsy/diagnostic
# Imaging (section B) characters 5-7 (contrast, qualifier, qualifier) when the query names none.
IMAGING_DEFAULTS = {"____Z": 0.93, "_____Z": 0.97, "______Z": 0.97}
# ... but a vessel's fluoroscopy (angiogram, venogram, fistulogram: heart B21, arteries B31/B41, veins B51)
# is a contrast study: the usual contrast of cath and IR labs, low osmolar (1), first, then the other
# contrasts, none well last: it is the fluoroscopy of a procedure's guidance, and its short title matches
# a query's few words best ("AV fistulogram" B51W1ZZ before B51WZZZ; "coronary angiography" B2111ZZ, not
# the table's first code B2110ZZ).
VESSEL_FLUOROSCOPY = b"2345"
VESSEL_CONTRAST = {"____1": 1.0, "____Y": 0.95, "____0": 0.95, "____Z": 0.8}


def pcs_terms(data: Any, gems: bool = False) -> np.ndarray:
    """A flag per term of the index: some ICD-10-PCS title or Index entry holds it (the ICD-9-CM
    titles are other words for the same procedures, not words the PCS titles match; `gems` counts
    them too)."""
    pcs_text = data.doc_system[data.text_doc] == 1
    if not gems:
        pcs_text &= data.text_kind != TEXT_GEM
    starts = np.asarray(data.post_off[:-1], np.int64)
    nonempty = np.asarray(data.post_off[1:], np.int64) > starts
    out = np.zeros(len(starts), bool)
    if nonempty.any():  # runs between the starts of non-empty posting lists are exactly those lists
        out[nonempty] = np.logical_or.reduceat(pcs_text[data.post], starts[nonempty])
    return out


def code_chars(doc_code: np.ndarray) -> np.ndarray:
    """The characters of every code as a (documents, 8) uint8 array (codes are 8-byte strings)."""
    return np.frombuffer(np.ascontiguousarray(doc_code).tobytes(), np.uint8).reshape(len(doc_code), -1)


def _matches(chars: np.ndarray, pattern: str) -> np.ndarray:
    m = np.ones(len(chars), bool)
    for pos, ch in enumerate(pattern):
        if ch != "_":
            m &= chars[:, pos] == ord(ch)
    return m


def axis_factors(intent: Intent, chars: np.ndarray) -> np.ndarray:
    """A factor per PCS candidate (rows of `chars`): 1 where its axes agree with the intent."""
    out = np.ones(len(chars), np.float32)
    for axis, pats in intent.groups.items():
        if not pats:
            continue
        f = np.full(len(chars), MISMATCH[axis], np.float32)
        for p, w in pats.items():
            f = np.where(_matches(chars, p) & (f < w), np.float32(w), f)
        out *= f
    if "app" not in intent.groups:  # administration: percutaneous first (a needle or catheter)
        admin = chars[:, 0] == ord("3")
        out = np.where(admin & (chars[:, 4] != ord("3")), out * np.float32(0.95), out)
    imaging = chars[:, 0] == ord("B")
    if imaging.any() and not intent.contrast:
        vessels = imaging & (chars[:, 2] == ord("1")) & np.isin(chars[:, 1], np.frombuffer(VESSEL_FLUOROSCOPY,
                                                                                             np.uint8))
        for p, w in IMAGING_DEFAULTS.items():
            skip = vessels if p == "____Z" else np.zeros(len(chars), bool)
            out = np.where(imaging & ~skip & ~_matches(chars, p), out * np.float32(w), out)
        if vessels.any():
            out = np.where(vessels, out * _factor(chars, VESSEL_CONTRAST, 0.9), out)
    surgical = chars[:, 0] == ord("0")
    if not surgical.any():
        return out
    defaults: dict[str, dict[str, float]] = {}
    if "app" not in intent.groups:
        op = best_pattern(intent.groups.get("op", {}))
        defaults["app"] = PERCUTANEOUS_FIRST if root_operation(op) in ("7", "H") else DEFAULT_APPROACH
    if intent.plain_device:  # Replacement always puts a device in: a synthetic one, most often
        replaces = root_operation(best_pattern(intent.groups.get("op", {}))) == "R"
        defaults["dev"] = {"_____J": 1.0} if replaces else PLAIN_DEVICE
    if "qual" not in intent.groups:
        defaults["qual"] = {"______Z": 1.0} if intent.diagnostic else {
            "______Z": 1.0, "______X": DIAGNOSTIC_UNSTATED}
    for axis, pats in defaults.items():
        f = _factor(chars, pats, DEFAULT_OTHER[axis])
        if axis == "app" and root_operation(best_pattern(intent.groups.get("op", {}))) == "7":
            inside = np.isin(chars[:, 1], np.frombuffer(NATURAL_OPENING_SYSTEMS, np.uint8))
            f = np.where(inside, _factor(chars, NATURAL_FIRST, DEFAULT_OTHER[axis]), f)
        elif axis == "app" and intent.diagnostic and root_operation(
                best_pattern(intent.groups.get("op", {}))) == "B":  # a biopsy of the gut: through a scope
            tract = (chars[:, 1] == ord("D")) & np.isin(chars[:, 3], np.frombuffer(GUT_TRACT, np.uint8))
            f = np.where(tract, _factor(chars, NATURAL_FIRST, DEFAULT_OTHER[axis]), f)
            solid = ((chars[:, 1] == ord("F")) & np.isin(chars[:, 3], np.frombuffer(b"012", np.uint8))) | (
                (chars[:, 1] == ord("T")) & np.isin(chars[:, 3], np.frombuffer(b"01", np.uint8)))
            f = np.where(solid, _factor(chars, PERCUTANEOUS_FIRST, DEFAULT_OTHER[axis]), f)
        elif axis == "app" and root_operation(best_pattern(intent.groups.get("op", {}))) == "J":
            inside = np.isin(chars[:, 1], np.frombuffer(NATURAL_OPENING_SYSTEMS, np.uint8))
            joint = np.isin(chars[:, 1], np.frombuffer(JOINT_SYSTEMS, np.uint8))
            f = np.where(inside, _factor(chars, NATURAL_FIRST, DEFAULT_OTHER[axis]), f)
            f = np.where(joint, _factor(chars, ENDOSCOPIC_FIRST, DEFAULT_OTHER[axis]), f)
        elif axis == "app" and root_operation(best_pattern(intent.groups.get("op", {}))) == "C":
            # a clot taken out of an artery inside the skull (03CG) is reached through the groin
            skull = (chars[:, 1] == ord("3")) & (chars[:, 3] == ord("G"))
            f = np.where(skull, _factor(chars, PERCUTANEOUS_FIRST, DEFAULT_OTHER[axis]), f)
        if axis == "app":  # in the mouth and throat, what is seen through the mouth is External
            f = np.where(chars[:, 1] == ord("C"), _factor(chars, EXTERNAL_FIRST, DEFAULT_OTHER[axis]), f)
        out = np.where(surgical, out * f, out)
    return out


def _factor(chars: np.ndarray, pats: dict[str, float], other: float) -> np.ndarray:
    f = np.full(len(chars), other, np.float32)
    for p, w in pats.items():
        f = np.where(_matches(chars, p), np.float32(w), f)
    return f
