"""The last pass over the ICD-10-PCS axis names read off the long titles (sections 2-X): names a coder
would misread in the table builder are cut back to the value's own words.

A coder builds a code from these names, so a name that repeats another axis, holds another axis's words or
lists several phrases is worse than a short one. Row by row (a value may mean another thing in another row):

1. a name holding another axis's name of the same code at its start or end loses it ("Cardiac Stress" of
   4A1 qualifier 4 beside body system "Cardiac" is "Stress"; "Antineoplastic, Monoclonal Antibody" of 3E0
   qualifier M beside substance "Antineoplastic" is "Monoclonal Antibody"), unless what is left is an
   "Other ..." name (PCS names the rest of a kind so: "Other Antineoplastic") or section F (its equipment
   is named by the type: "Voice Analysis Equipment");
2. a substance shown as a list or as its qualifier's name, whose qualifiers include "Other <kind>", is
   that kind (3E0 substance 1 beside qualifier "Other Thrombolytic" is "Thrombolytic");
3. a name shown on two axes of a code gives way, on the axis where another row of the table names the
   value otherwise, to that name (8E0 body region H "Integumentary System and Breast");
4. the official names the titles lack or fold into one phrase (5A15's titles never say "Circulatory" nor
   part "Oxygenation" from "Membrane"), code by code in READINGS, each beside the title it explains.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from codesets.pcs import meanings as pcs_meanings
from codesets.pcs import sections as pcs_sections
from codesets.pcs.leftovers import _Tables
from codesets.release.db import ReleaseData

RowKey = tuple[str, int, int, str]

# code: names of characters 4-7 (None: as read off the titles). Each line reads the code's title; the names
# are the official table values where the title leaves them out ("Circulatory", "Other Method") or folds
# two axes into one phrase. Applied to the row holding the code.
READINGS: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    # "Extracorporeal Oxygenation, Membrane, Central" (and the Intraoperative ones): ECMO
    "5A1522F": ("Circulatory", None, "Oxygenation", "Membrane, Central"),
    "5A1522G": ("Circulatory", None, "Oxygenation", "Membrane, Peripheral Veno-arterial"),
    "5A1522H": ("Circulatory", None, "Oxygenation", "Membrane, Peripheral Veno-venous"),
    "5A15A2F": ("Circulatory", "Intraoperative", "Oxygenation", "Membrane, Central"),
    # "Extracorporeal Hyperbaric Oxygenation, Intermittent"
    "5A05121": ("Circulatory", None, "Oxygenation", "Hyperbaric"),
    # "Assistance with Cardiac Oxygenation, Supersaturated": duration 2 as 5A02210 "Assistance with Cardiac
    # Output using Balloon Pump, Continuous" reads it
    "5A0222C": ("Cardiac", "Continuous", "Oxygenation", "Supersaturated"),
    # "Pheresis of Erythrocytes, Single": the blood's body system, which 6A7's "Ultrasound Therapy,
    # Circulatory, Single" (6A750ZZ) names
    "6A550Z0": ("Circulatory", None, None, None),
    "6A750Z4": ("Circulatory", None, None, None),
    "6A750ZZ": ("Circulatory", None, None, pcs_meanings.NONE),  # "Ultrasound Therapy, Circulatory, Single"
    # "Measurement of Cardiac Total Activity, External Approach": qualifier 4 as 4A12XM4 "Monitoring of
    # Cardiac Stress" reads it
    "4A02XM4": (None, None, "Total Activity", "Stress"),
    "4A12XM4": (None, None, "Total Activity", "Stress"),  # "Monitoring of Cardiac Stress, External Approach"
    # "Planar Nuclear Medicine Imaging of Veins using Other Radionuclide"
    "C51YYZZ": ("Veins", None, None, None),
    # "Family Psychotherapy", "Biofeedback": the qualifier of the operation's only code is its other kind
    "GZ72ZZZ": ("Other Family Psychotherapy", None, None, None),
    "GZC9ZZZ": ("Other Biofeedback", None, None, None),
    # "Introduction of Oxazolidinones into ...": substance 2 of qualifiers 8 Oxazolidinones, 9 Other
    # Anti-infective, A Anti-Infective Envelope
    "3E03328": (None, None, "Anti-infective", None),
    # "Introduction of Immunostimulator into Peripheral Vein, Open": qualifiers K Immunostimulator,
    # L Immunosuppressive of substance W
    "3E030WK": (None, None, "Immunotherapeutic", "Immunostimulator"),
    # "Introduction of Other Therapeutic Substance into Peripheral Vein, Open Approach"
    "3E030GC": (None, None, "Other Therapeutic Substance", "Other Substance"),
    # "Fluoroscopy of Single Coronary Artery using High Osmolar Contrast, Laser Intraoperative"
    "B210010": (None, None, "Laser", "Intraoperative"),
    "B310010": (None, None, "Laser", "Intraoperative"),  # "Fluoroscopy of Thoracic Aorta using High Osmolar
    "B410010": (None, None, "Laser", "Intraoperative"),  # Contrast, Laser Intraoperative", Abdominal Aorta
    # "Insertion of Neurostimulator Lead with Paired Stimulation System into Vagus Nerve, ..."
    "X0HQ3R8": ("Vagus Nerve", None, "Neurostimulator Lead with Paired Stimulation System", None),
    # "Bypass Right Femoral Artery using Conduit through Femoral Vein to Superficial Femoral Artery, ..."
    "X2KH3D9": ("Right Femoral Artery", None, "Conduit through Femoral Vein to Superficial Femoral Artery",
                None),
    "X2KH3E9": ("Right Femoral Artery", None, "Conduit through Femoral Vein to Popliteal Artery", None),
    "X2KJ3D9": ("Left Femoral Artery", None, None, None),
    # "Intermittent Coronary Sinus Occlusion, Percutaneous Approach, New Technology Group 8": body part
    # Coronary Sinus, as X2V73Q7 "Restriction of Coronary Sinus" names 7
    "X2A7358": ("Coronary Sinus", None, None, None),
    # "Computer-assisted Transcranial Magnetic Stimulation of Prefrontal Cortex, New Technology Group 8"
    "X0Z0X18": (None, None, "Computer-assisted Transcranial Magnetic Stimulation", None),
    # "Monitoring of Upper GI Oxygen Saturation, Percutaneous Endoscopic Approach, New Technology Group 7"
    "XD2G4V7": ("Upper GI", None, "Oxygen Saturation", None),
    "XD2H4V7": ("Lower GI", None, "Oxygen Saturation", None),
    # "Extracorporeal Introduction of Taurolidine Anti-infective and Heparin Anticoagulant, ..."
    "XY0YX28": ("Extracorporeal", None, None, None),
    "XY0YX37": ("Extracorporeal", None, None, None),  # "Extracorporeal Introduction of Nafamostat ..."
    # 8E0: titles drop method Y "Other Method" and fold the method into the qualifier
    "8E01XY7": ("Nervous System", None, "Other Method", "Examination"),  # Examination of Nervous System
    "8E09XY8": (None, None, "Other Method", "Suture Removal"),  # Suture Removal from Head and Neck Region
    "8E0H300": ("Integumentary System and Breast", None, "Acupuncture", "Anesthesia"),  # Acupuncture using
    "8E0HX62": ("Integumentary System and Breast", None, "Collection", "Breast Milk"),  # Breast Milk Coll.
    # Piercing of Integumentary System and Breast
    "8E0HXY9": ("Integumentary System and Breast", None, "Other Method", "Piercing"),
    "8E0KX1Z": ("Musculoskeletal System", None, "Therapeutic Massage", None),  # Therapeutic Massage
    "8E0KXY7": ("Musculoskeletal System", None, "Other Method", "Examination"),  # Examination of Muscul..
    "8E0UXY7": (None, None, "Other Method", "Examination"),  # Examination of Female Reproductive System
    # Therapeutic Massage of Prostate
    "8E0VX1C": ("Male Reproductive System", None, "Therapeutic Massage", "Prostate"),
    "8E0VX1D": (None, None, None, "Rectum"),  # Therapeutic Massage of Rectum
    "8E0VX63": ("Male Reproductive System", None, "Collection", "Sperm"),  # Sperm Collection
    "8E0WXY8": (None, None, "Other Method", "Suture Removal"),  # Suture Removal from Trunk Region
    "8E0XXY8": (None, None, "Other Method", "Suture Removal"),  # Suture Removal from Upper Extremity
    "8E0ZXY1": (None, None, "Other Method", "In Vitro Fertilization"),  # In Vitro Fertilization
}


def _skip(m: str, axis: str) -> bool:
    return axis == "approach" or m in ("", pcs_meanings.NONE) or m.startswith("New Technology Group")


def _stripped(name: str, other: str) -> str | None:
    """`name` less `other` at its start or end, with the joining words between; None if it has not."""
    words, cut = pcs_meanings.tokens(name), pcs_meanings.tokens(other)
    if len(cut) >= len(words) or words[0] == "Other" or cut == ("Other",):
        return None
    if words[:len(cut)] == cut:
        rest = pcs_meanings._strip(words[len(cut):])
    elif words[-len(cut):] == cut:
        rest = pcs_meanings._strip(words[:-len(cut)])
    else:
        return None
    return pcs_meanings._show(rest) if rest and rest[0] != "Other" else None


def tidy(data: ReleaseData, approaches: dict[str, str]) -> dict[RowKey, str]:
    """Cut back the names described above, in data.pcs_row_axes; returns the row values changed.
    `approaches`: section 0's approach names ("Percutaneous"; a title's "Percutaneous Approach" is it)."""
    tabs = _Tables(data, {t for t in data.pcs_rows if t[0] not in "01"})
    changed: dict[RowKey, str] = {}

    def put(key: RowKey, name: str) -> None:
        if tabs.meaning_at(key) != name:
            data.pcs_row_axes[key] = name
            changed[key] = name

    for (t, pos, v), m in list(data.pcs_axes.items()):
        if pos == 5 and t[0] not in "01" and v in approaches and m == approaches[v] + " Approach":
            data.pcs_axes[(t, pos, v)] = approaches[v]
            changed.update({(t, seq, pos, v): approaches[v]
                            for seq, row in enumerate(data.pcs_rows[t]) if v in row[1]})
    for (t, seq, pos, v), m in list(data.pcs_row_axes.items()):
        if pos == 5 and t[0] not in "01" and v in approaches and m == approaches[v] + " Approach":
            put((t, seq, pos, v), approaches[v])
    # the readings first: the rules below then see the official names beside them, and leave them be
    read = set()
    wrong: dict[tuple[str, int, str, str], str] = {}
    for code, names in READINGS.items():
        if code in tabs.row_of:
            for pos, name in zip(range(4, 8), names, strict=True):
                if name is not None:
                    key = tabs.key(code, pos)
                    wrong[(key[0], pos, key[3], tabs.meaning_at(key))] = name
    # a reading names its code's row and, in the table's other rows, the value wherever it had the same
    # name (3E0 substance W reads "Immunostimulator / Immunosuppressive" in each of its rows)
    for (t, pos, v, m), name in wrong.items():
        for seq, row in enumerate(data.pcs_rows[t]):
            if v in row[pos - 4] and tabs.meaning_at((t, seq, pos, v)) == m:
                put((t, seq, pos, v), name)
                read.add((t, seq, pos, v))
    for rule in (_strip_rule, _strip_rule, _other_kind_rule, _repeat_rule):  # twice: a cut may uncover
        for key, name in rule(tabs).items():                                # another ("Donor Organ")
            if key not in read:
                put(key, name)
    return changed


def _names(tabs: _Tables, code: str) -> dict[int, str]:
    axes = pcs_sections.axis_names(code)
    return {p: m for p in range(4, 8) if not _skip(m := tabs.meaning(code, p), axes[p - 1])}


def _agreed(found: dict[RowKey, list[str | None]]) -> dict[RowKey, str]:
    """The row values every code of the row gives the same new name."""
    return {k: v[0] for k, v in found.items() if v[0] is not None and len(set(v)) == 1}


def _strip_rule(tabs: _Tables) -> dict[RowKey, str]:
    found: dict[RowKey, list[str | None]] = defaultdict(list)
    for codes in tabs.codes.values():
        for code in codes:
            if code[0] == "F":
                continue
            names = _names(tabs, code)
            for pos, m in names.items():
                cut = [s for p, o in names.items() if p != pos and o != m
                       and (s := _stripped(m, o)) is not None and s not in names.values()]
                found[tabs.key(code, pos)].append(cut[0] if len(cut) == 1 else None)
    return _agreed(found)


def _other_kind_rule(tabs: _Tables) -> dict[RowKey, str]:
    found: dict[RowKey, list[str | None]] = defaultdict(list)
    for table, codes in tabs.codes.items():
        if table[0] != "3":
            continue
        kinds: dict[RowKey, set[str]] = defaultdict(set)
        for code in codes:
            q = tabs.meaning(code, 7)
            if q.startswith("Other "):
                kinds[tabs.key(code, 6)].add(q[len("Other "):])
        for code in codes:
            key, m = tabs.key(code, 6), tabs.meaning(code, 6)
            listed = " / " in m or m == tabs.meaning(code, 7)
            found[key].append(next(iter(kinds[key])) if listed and len(kinds[key]) == 1 else None)
    return {k: v for k, v in _agreed(found).items() if v}


def _repeat_rule(tabs: _Tables) -> dict[RowKey, str]:
    elsewhere: dict[tuple[str, int, str], Counter[str]] = defaultdict(Counter)
    repeated: set[RowKey] = set()
    for codes in tabs.codes.values():
        for code in codes:
            names = _names(tabs, code)
            for pos, m in names.items():
                if list(names.values()).count(m) > 1:
                    repeated.add(tabs.key(code, pos))
    for codes in tabs.codes.values():
        for code in codes:
            for pos, m in _names(tabs, code).items():
                key = tabs.key(code, pos)
                if key not in repeated:
                    elsewhere[(key[0], pos, key[3])][m] += 1
    out: dict[RowKey, str] = {}
    for key in sorted(repeated):
        other = elsewhere.get((key[0], key[2], key[3]))
        if other:
            out[key] = other.most_common(1)[0][0]
    return out
