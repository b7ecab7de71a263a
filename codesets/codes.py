"""Code spelling: normalising what users type, and telling ICD-10-CM from ICD-10-PCS."""

from __future__ import annotations

import re

_CM_RE = re.compile(r"^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$")
_PCS_RE = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")  # PCS never uses I or O


def normalize(code: str) -> str:
    """`i50.23 ` -> `I5023`: no dot, upper case, no surrounding space."""
    return code.strip().replace(".", "").upper()


def with_dot(code: str, system: str = "CM") -> str:
    """Display form: ICD-10-CM `I5023` -> `I50.23`; PCS (system="PCS") and 3-character codes unchanged.

    The shape alone cannot tell `H401131` (CM) from `B2111ZZ` (PCS), so the caller names the system.
    """
    c = normalize(code)
    if system == "CM" and len(c) > 3 and c[0].isalpha():
        return f"{c[:3]}.{c[3:]}"
    return c


def looks_like_cm(code: str) -> bool:
    """Shape of an ICD-10-CM code (3 to 7 characters, letter first)."""
    return bool(_CM_RE.match(normalize(code)))


def looks_like_pcs(code: str) -> bool:
    """Shape of an ICD-10-PCS code (exactly 7 characters, no I or O)."""
    c = normalize(code)
    return bool(_PCS_RE.match(c)) and (c[0].isdigit() or c[0] in "BCDFGHX")
