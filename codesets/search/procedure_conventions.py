"""Coding conventions applied to a procedure query once its words are read into ICD-10-PCS axes
(codesets/search/procedure.py): what settles the objective when the words allow several, a device
taken out, an abscess of a body region, a laparoscopy converted to open.

    out = settle(words, affirmed_words, groups, out)   # groups and the title words, adjusted
"""

from __future__ import annotations

from collections.abc import Sequence

from codesets.search.procedure_vocab import best_pattern, root_operation, vocabulary


def settle(words: Sequence[str], done: Sequence[str], groups: dict[str, dict[str, float]],
           out: list[str]) -> list[str]:
    """Adjust the axis weights in `groups` by the conventions below; `done` is the query less what it
    says was not done. Returns the title words, a grouped body part in place of one a device left."""
    ops = groups["op"]
    typed = set(words)
    if GENERATOR_SWAPS & typed and not REMOVAL & typed and _generator(groups, out):
        for p in ops:  # "pacemaker generator change": the new generator's insertion, not a Change or Revision
            ops[p] = min(ops[p], SETTLED_OTHERS)
        ops["0_H"] = 1.0
    if ops.get("0_D", 0.0) >= 1.0 and groups.get("dev") and any(
            root_operation(p) in DEVICE_INSERTIONS and w >= 1.0 for p, w in ops.items()):
        ops["0_P"], ops["0_D"] = 1.0, SETTLED_OTHERS  # "lead extraction": a device named is taken out
    _conventions(typed, ops)
    if HEMOSTASIS & typed and not (VARICES | EMBOLIZATION) & typed and (CLIPS & typed or any(
            root_operation(p) in HEMOSTATIC and w >= 1.0 for p, w in ops.items())):
        for p in ops:
            ops[p] = min(ops[p], SETTLED_OTHERS)
        ops["0_3"] = 1.0
        groups.pop("dev", None)  # a clip left on a bleeder is no device of Control (0W3P8ZZ)
        tract = next((t for names, t in BLEEDING_TRACTS if names & typed), None)
        if tract:  # Control is coded to the region: the tract the scope went into
            out = [*out, *tract]
    if CLIPS & typed and not HEMOSTASIS & typed and any(
            root_operation(p) in CLIPPED_SITES and w >= 1.0 for p, w in ops.items()):
        groups.pop("dev", None)  # a clip on a polypectomy site is no device of the Excision, not coded apart
        out = [w for w in out if w not in CLIP_TITLE_WORDS]
    if ("endometrium" in out or "curettage" in typed) and OBSTETRIC & typed and ops.get("0_D", 0.0) >= 1.0:
        for p in ops:  # a D&C after a delivery: the retained products of conception (10D17ZZ)
            ops[p] = min(ops[p], SETTLED_OTHERS)
        ops["10D1"] = 1.0
        groups["qual"] = {"______Z": 1.0}  # a curette, not the hand (10D17Z9 Manual Extraction)
        retained = ("products", "of", "conception", "retained")
        out = _replaced(out, {("endometrium",): retained}) if "endometrium" in out else [*out, *retained]
    if NOSE & typed and best_pattern(groups.get("dev", {})) == "_____U":
        out = [w for w in out if w not in NOSE]  # a feeding tube through the nose: nasogastric (0DH67UZ)
        if not GUT & set(out):
            out = [*out, "stomach"]
        groups["app"] = {"____7": 1.0}
    _tissue_removed(words, out, groups)
    if _taken_out(done, groups, out):
        out = _rolled_up(out)
    if ABSCESS & typed and ops.get("0_9", 0.0) >= 1.0 and "cavity" not in out:  # a pelvic abscess: 0W9J
        out = _replaced(out, SUBCUTANEOUS_REGIONS)
        region = (UNSIDED_REGIONS | SIDED_REGIONS) & set(out)  # named as the 0J9 body parts are
        ops["0J9"], ops["0_9"] = 1.0, REGION_OTHERS if region else ORGAN_OTHERS
        if UNSIDED_REGIONS & set(out) and not SIDED_REGIONS & set(out):  # 0J99 Buttock: no side value
            out = [w for w in out if w not in ("right", "left")]
    if DEBRIDEMENT & typed and ops.get("0_B", 0.0) >= 1.0 and not DEEPER & typed:
        ops["0JB"], ops["0_B"] = 1.0, ORGAN_OTHERS
    if "hip" in out and ops.get("0_S", 0.0) >= 1.0 and not HIP_JOINT & typed:
        out = _replaced(out, {("hip",): ("upper", "femur")})  # a hip fracture is fixed in the femur
    if (any(p[:1] == "B" and w >= 1.0 for p, w in ops.items()) and PAIRED & set(out)
            and not SIDE_WORDS & typed):  # "renal ultrasound", "carotid doppler": both sides imaged
        out = [*out, "bilateral"]
    if "bilateral" in out and {"right", "left"} & typed and not BOTH_SIDES & typed:
        out = [w for w in out if w != "bilateral"]  # a side typed beats a phrase's usual both ("right BTL")
    apps = groups.get("app", {})
    if "assisted" in typed and THROUGH_OPENING & typed and "____F" in apps:  # "lap assisted vaginal hyst":
        for p in apps:  # the way in is the vagina, with the laparoscope's help (approach F), not either
            apps[p] = 1.0 if p == "____F" else min(apps[p], SETTLED_OTHERS)
    if CONVERTED & typed and "____0" in apps:  # laparoscopic converted to open: coded open (DOMAIN)
        for p in apps:
            apps[p] = 1.0 if p == "____0" else min(apps[p], SETTLED_OTHERS)
    dev = groups.get("dev", {})
    if dev.get("_____Z", 0.0) >= 1.0 and any(w >= 1.0 for p, w in dev.items() if p != "_____Z"):
        dev["_____Z"] = SETTLED_OTHERS  # "PTCA" alone is balloon only; "PTCA with two stents" used them
    return out


# Objectives a word settles when the others name a surgical one: a balloon dilates ("balloon valvuloplasty",
# "balloon angioplasty": Dilation, not Repair); an aneurysm coiled, clipped or embolized is narrowed,
# its artery kept open (Restriction, ICD-10-PCS guideline B3.12).
# A procedure converted from laparoscopic to open is coded open (with an Inspection for the laparoscopy).
CONVERTED = frozenset({"converted", "conversion"})
# "ORIF hip", "hip pinning": a hip fracture is of the upper femur (0QS6/0QS7); the hip joint itself is
# repositioned only for a dislocation.
HIP_JOINT = frozenset({"joint", "dislocation", "dislocated", "acetabulum", "acetabular"})
# A foreign body taken out is matter, not a device (Extirpation, not Removal), when the words allow both.
SETTLES = (({"balloon"}, "0_7"), ({"aneurysm", "aneurysms"}, "0_V"), ({"foreign"}, "0_C"))
SETTLED_OTHERS = 0.9
# A stone "extracted" is solid matter taken out of the duct or organ, the Extirpation; Extraction pulls out
# all or part of a body part itself (ICD-10-PCS root operation definitions): "balloon extraction of CBD
# stones" 0FC98ZZ, not 0FD98ZX. A stone crushed is still the Fragmentation its own word names.
STONES = frozenset({"stone", "stones", "calculus", "calculi"})
# A D&C (curettage of the endometrium, 0UDB) after a delivery or a pregnancy's loss takes out what was left
# of it: Extraction, Products of Conception, Retained (ICD-10-PCS Index: Suction curettage, obstetric
# post-delivery see Extraction, Products of Conception, Retained 10D1; nonobstetric see 0UDB).
OBSTETRIC = frozenset("postpartum pp delivery retained poc products conception placenta placental "
                      "obstetric miscarriage".split())
# A feeding tube put in through the nose goes to the stomach unless another part of the gut is named
# (nasogastric; "nasojejunal" names its own).
NOSE = frozenset({"nose", "nasal", "nasally", "transnasal"})
GUT = frozenset("esophagus stomach duodenum jejunum ileum intestine".split())
# A balloon swept through a duct, or used to extract stones, takes them out (Extirpation,
# procedure_terms.tsv), not a Dilation ("balloon sweep", "balloon extraction of stones").
SWEEPS = frozenset({"sweep", "swept", "sweeps", "extraction", "extracted", "retrieval", "retrieved"})
BOTH_SIDES = frozenset({"bilateral", "bilat", "both"})
SIDE_WORDS = frozenset({"right", "left", "rt", "lt", "bilateral", "bilat", "both", "unilateral"})
# Paired organs and vessels that imaging (section B) names with a side: with none named both are imaged
# ("renal ultrasound" BT43ZZZ Bilateral Kidneys, "carotid duplex" B345ZZZ Bilateral Common Carotid Arteries).
PAIRED = frozenset({"kidney", "kidneys", "renal", "carotid", "breast", "breasts", "ovary", "ovaries"})
# A laparoscope "assisting" a procedure done through a natural opening (approach F); without one named
# ("lap assisted colectomy") the laparoscopic approach itself (4) stays first.
THROUGH_OPENING = frozenset({"vaginal", "vag", "transvaginal", "transanal", "vaginally"})
# Clips or cautery on a bleeding lesion stop the bleeding: Control (ICD-10-PCS guideline B3.7: Control is
# the objective when the bleeding is stopped without another objective such as a resection), "EGD with
# clipping of bleeding ulcer" 0W3P8ZZ; banding of varices stays the Occlusion of the vein.
HEMOSTASIS = frozenset({"bleeding", "bleed", "bleeder", "bleeders", "hemorrhage", "hemorrhaging"})
VARICES = frozenset({"varices", "variceal", "varix"})
# ... but embolizing the bleeding artery closes it: Occlusion of that artery (B3.7's own example: "liquid
# embolization of the right internal iliac artery to treat acute hematoma ... is coded to Occlusion")
EMBOLIZATION = frozenset("embolization embolisation embolize embolized coiling coiled gelfoam".split())
HEMOSTATIC = frozenset("L5")  # clipping, cautery
# A clip closing the site of a polyp or biopsy taken out (Excision, Resection, Destruction) is part of that
# procedure: the clip is no device of its code and not coded apart ("colonoscopy with hot snare
# polypectomy, clip placement" 0DBE8ZZ); only with bleeding does it stop a bleed (Control, above).
CLIPS = frozenset("clip clips clipped hemoclip hemoclips endoclip endoclips".split())
CLIPPED_SITES = frozenset("BT5")
CLIP_TITLE_WORDS = frozenset({"extraluminal", "device"})
BLEEDING_TRACTS = (
    (frozenset("egd endoscopy colonoscopy sigmoidoscopy enteroscopy ercp gastric duodenal ulcer colon "
               "diverticulum rectal esophageal".split()), ("gastrointestinal", "tract")),
    (frozenset("bronchoscopy bronch bronchial".split()), ("respiratory", "tract")),
    (frozenset("cystoscopy cysto ureteroscopy bladder".split()), ("genitourinary", "tract")))


# Removal, revision and change act on a device the query names ("removal of pacemaker generator"): the
# device's own objective (its insertion) is what they act on, not what was done.
DEVICE_ACTIONS = frozenset("PW2")
# How a named device went in: Insertion, Dilation for an intraluminal device (a stent), Bypass for the
# device of a stoma or shunt (a tracheostomy tube: "trach decannulation" is its Removal, 0BP1XFZ).
DEVICE_INSERTIONS = frozenset("H71RU")


# A device taken out (Removal, Revision, Change): the words that name the device say how it was put in,
# not how it comes out ("PEG tube removal" is 0DP6XUZ, external; a PICC is pulled, 02PYX3Z), so for a
# device put in through a needle or scope only an approach the query types counts (else external first;
# "at the bedside" says external too), and the device's insertion ranks well below. One put in through a
# natural opening comes out that way (an IUD: 0UPD7HZ).
TAKEN_OUT_INSERTION = 0.7
# Devices that never come out through the skin alone: an intraluminal device (a vena cava filter, a stent)
# and a cardiac lead are retrieved through a catheter or scope (06PY3DZ, 02PA3MZ, 0TP98DZ).
INSIDE_DEVICES = frozenset({"_____D", "_____M"})
PULLED = {"____X": 1.0, "____3": 0.98, "____0": 0.96, "____4": 0.96, "____8": 0.95, "____7": 0.95}
# An abscess of a body region (thigh, buttock, back, forearm, perineum) is drained from the subcutaneous
# tissue and fascia of that region (body system J) unless an organ is named, whose own title words win.
ABSCESS = frozenset({"abscess", "abscesses"})
# The other drainages' share: lower when the query names a region as the 0J9 body parts do (buttock,
# chest, upper leg), else that of an organ's own drainage (a liver abscess) and of a debridement.
REGION_OTHERS = 0.8
ORGAN_OTHERS = 0.9
# An excisional debridement is coded to the deepest layer removed (Coding Clinic 2015 Q1); with no layer
# named, of a body region, that is its subcutaneous tissue and fascia (0JB), not the region itself (0YB).
DEBRIDEMENT = frozenset({"debridement", "debrided", "debride"})
DEEPER = frozenset("skin muscle muscles tendon tendons bone bones joint ligament cartilage".split())


# Removal and Revision tables take a device out of a grouped body part (ICD-10-PCS tables 02P/02W Great
# Vessel, 06P/06W Lower Vein, 0TP Kidney): the vena cava a line or filter sits in, the renal pelvis a
# nephrostomy drains, are named so; a pacing or defibrillator lead out of the heart is a Cardiac Lead
# (02PA_M).
ROLLED_UP: dict[tuple[str, ...], tuple[str, ...]] = {
    ("superior", "vena", "cava"): ("great", "vessel"), ("inferior", "vena", "cava"): ("lower", "vein"),
    ("kidney", "pelvis"): ("kidney",),
    ("cardiac", "lead", "pacemaker"): ("cardiac", "lead"),
    ("cardiac", "lead", "defibrillator"): ("cardiac", "lead"),
    # 0JP/0JW take a device out of the trunk's subcutaneous tissue (a generator or port in the chest or
    # abdomen), and a pacemaker or defibrillator generator is a Cardiac Rhythm Related Device there
    # (ICD-10-PCS Device Aggregation table: 4-9 -> P for Removal and Revision)
    ("chest", "subcutaneous", "tissue"): ("trunk", "subcutaneous", "tissue"),
    ("abdomen", "subcutaneous", "tissue"): ("trunk", "subcutaneous", "tissue"),
    ("pacemaker",): ("cardiac", "rhythm", "related", "device"),
    ("defibrillator", "generator"): ("cardiac", "rhythm", "related", "device")}
# The generators of table 0JH (pacemakers 4-6, CRT-P 7, defibrillator 8, CRT-D 9) are taken out or revised
# as the Cardiac Rhythm Related Device (P) of tables 0JP and 0JW (Device Aggregation table).
GENERATORS = frozenset("_____4 _____5 _____6 _____7 _____8 _____9".split())
# A generator changed (its battery spent) is a new one put in and the old one taken out, coded Insertion
# (0JH6) with Removal (0JPT0PZ): the root operation Change is for a device exchanged without cutting.
GENERATOR_NAMES = frozenset({"pacemaker", "defibrillator"})  # the title words of those devices


def _generator(groups: dict[str, dict[str, float]], out: Sequence[str]) -> bool:
    """The device named is a pacemaker or defibrillator generator (not a heart valve: device 8 of 02R)."""
    return best_pattern(groups.get("dev", {})) in GENERATORS and bool(GENERATOR_NAMES.intersection(out))


GENERATOR_SWAPS = frozenset("change changed exchange exchanged replacement replaced replace battery".split())


# The subcutaneous tissue and fascia body parts (table 0J9) name a region as the titles of body system J
# do: an abscess of the abdominal wall is drained from the abdomen's subcutaneous tissue (0J98), of the
# thigh from the upper leg's (0J9L / 0J9M).
SUBCUTANEOUS_REGIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("abdominal", "wall"): ("abdomen",), ("chest", "wall"): ("chest",), ("thigh",): ("upper", "leg"),
    ("forearm",): ("lower", "arm"), ("calf",): ("lower", "leg"), ("gluteal",): ("buttock",),
    ("flank",): ("back",)}

# Regions of the trunk have one subcutaneous body part for both sides (0J96 Chest, 0J99 Buttock); the
# limbs and neck have a right and a left one.
UNSIDED_REGIONS = frozenset("scalp face chest back abdomen buttock perineum pelvic".split())
SIDED_REGIONS = frozenset("neck arm leg hand foot".split())


# "Removal of" a body part or of matter, with no device named ("removal of the right ovary", "removal of
# bladder stone"): the root operation Removal only takes out a device; a body part taken out is a
# Resection (an Excision when a part of it, see `part` in procedure_terms.tsv), a stone, clot or
# impaction an Extirpation (ICD-10-PCS root operation definitions; Index: Removal of device / Resection).
REMOVAL = frozenset({"removal", "remove", "removed", "taken"})  # "taken out" (abbreviations.tsv)
MATTER = frozenset("stone stones calculus calculi gallstone gallstones clot clots thrombus embolus "
                   "impaction impacted debris bolus food matter material feces fecal mucus plug hematoma "
                   "blood plaque vegetation vegetations bezoar".split())
NAMED_DEVICES = frozenset(
    "device devices substitute lead leads stent stents graft grafts mesh filter pacemaker defibrillator "
    "catheter catheters tube tubes airway implant implants prosthesis fixation fixator spacer expander "
    "stimulator generator pump electrode electrodes line lines port picc foley drain drains hardware "
    "suture sutures staples cast packing pin pins screw screws plate plates rod rods wire wires nail "
    "shunt sling band clip clips coil coils iud pessary dressing splint valve battery trach peg ett "
    "cannula sheath reservoir".split())
# Words that name no body part: "removal of" alone, or with only these, is left to the vocabulary.
_NO_SITE = frozenset("removal remove removed of the a an and with right left bilateral both open "
                     "percutaneous endoscopic external approach laparoscopic via natural or artificial "
                     "opening manual".split())


# A tube that is a body part, not a device ("both fallopian tubes removed").
TRACTS = frozenset({"fallopian", "eustachian", "uterine"})


def _no_tract(words: Sequence[str]) -> list[str]:
    """`words` less a "tube" that a TRACTS word before it names as a body part."""
    return [w for n, w in enumerate(words) if not (n and words[n - 1] in TRACTS)]


def _tissue_removed(words: Sequence[str], title: Sequence[str], groups: dict[str, dict[str, float]]) -> None:
    typed, out = set(words), set(title)
    ops = groups["op"]
    if not REMOVAL & typed or ops.get("0_P", 0.0) < 1.0 or groups.get("dev"):
        return
    if NAMED_DEVICES & set(_no_tract(words) + _no_tract(title)) or not (out | typed) - _NO_SITE - REMOVAL:
        return
    for p in ops:
        ops[p] = min(ops[p], SETTLED_OTHERS)
    if MATTER & typed:
        ops["0_C"] = 1.0
    else:
        ops["0_T"], ops["0_B"] = 1.0, max(ops.get("0_B", 0.0), 0.95)


def _replaced(words: list[str], names: dict[tuple[str, ...], tuple[str, ...]]) -> list[str]:
    """`words` with each key of `names` in them replaced by its value."""
    out: list[str] = []
    i = 0
    while i < len(words):
        part = next((k for k in names if tuple(words[i : i + len(k)]) == k), None)
        out.extend(names[part] if part else (words[i],))
        i += len(part) if part else 1
    return out


def _rolled_up(words: list[str]) -> list[str]:
    return _replaced(words, ROLLED_UP)


def _taken_out(words: Sequence[str], groups: dict[str, dict[str, float]], out: Sequence[str] = ()) -> bool:
    """Apply the device-taken-out reading (see TAKEN_OUT_INSERTION); True when the query takes one out."""
    ops = groups["op"]
    if not any(root_operation(p) in DEVICE_ACTIONS and w >= 1.0 for p, w in ops.items()):
        return False
    # a drainage device went in by a Drainage ("nephrostomy tube removal": 0TP5X0Z, not 0T93)
    placed = DEVICE_INSERTIONS | ({"9"} if groups.get("dev", {}).get("_____0", 0.0) >= 1.0 else set())
    for p in ops:
        if root_operation(p) in placed:
            ops[p] = min(ops[p], TAKEN_OUT_INSERTION)
    phrases = vocabulary().phrases
    typed = (phrases.get((w,)) for w in words)
    if "lead" in out and best_pattern(groups.get("dev", {})) in ("_____J", "_____K"):
        groups["dev"] = {"_____M": 1.0}  # a pacing or defibrillator lead is a Cardiac Lead in 02P and 02W
    elif _generator(groups, out):
        groups["dev"] = {"_____P": 1.0}
    apps = groups.get("app", {})
    if best_pattern(groups.get("dev", {})) in INSIDE_DEVICES:  # a filter or lead comes out as it went in
        return True
    if best_pattern(apps) not in (None, "____0", "____7") and not any(
            e is not None and set(e.groups) == {"app"} and "____X" not in e.groups["app"] for e in typed):
        groups["app"] = dict(PULLED)  # a device put in through a needle or scope; one put in open stays so
    return True


def _conventions(words: set[str], ops: dict[str, float]) -> None:
    if any(root_operation(p) in DEVICE_ACTIONS and w >= 1.0 for p, w in ops.items()):
        for p in ops:
            if root_operation(p) in DEVICE_INSERTIONS:
                ops[p] = min(ops[p], SETTLED_OTHERS)
    if STONES & words and "0_D" in ops:
        ops["0_C"] = max(ops.get("0_C", 0.0), ops.pop("0_D"))
    for names, op in SETTLES:
        if op == "0_7" and SWEEPS & words:  # "balloon sweep of the CBD": the balloon takes the stones out
            continue
        if names & words and any(p[:1] == "0" for p in ops):  # a surgical objective named
            for p in ops:
                ops[p] = min(ops[p], SETTLED_OTHERS)
            ops[op] = 1.0


# A scope that reaches only part of its tract names that part as the site of another objective through it
# (a biopsy at sigmoidoscopy is of the sigmoid colon, 0DBN8ZX; at proctoscopy of the rectum); alone, it is
# the inspection of its tract (0DJD8ZZ).
SCOPE_REACH: dict[tuple[str, ...], tuple[str, ...]] = {
    ("sigmoidoscopy",): ("sigmoid", "colon"), ("flex", "sig"): ("sigmoid", "colon"),
    ("proctosigmoidoscopy",): ("sigmoid", "colon"), ("proctoscopy",): ("rectum",),
    ("anoscopy",): ("anus",)}


def _holds(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """`phrase` is in `words`, its words adjacent and in order."""
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def scope_reach(words: Sequence[str]) -> tuple[str, ...] | None:
    """The part of its tract a scope in `words` reaches (SCOPE_REACH), else None."""
    return next((v for k, v in SCOPE_REACH.items() if _holds(words, k)), None)
