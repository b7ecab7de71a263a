"""The CMS list of ICD-10-CM codes exempt from POA reporting, imported per release.

None of the installed packages carries this list (it is the code-level form of the ICD-10-CM Official
Guidelines, Appendix I), so it is imported from the file CMS publishes on its "Hospital-Acquired
Conditions (Present on Admission Indicator)" pages: `YYYY-poa-exempt-codes.zip`, holding
`POAexemptCodesYYYY.txt` (October) or `POAexemptCodesAprYY.txt` (April update). The text file is tab
delimited with a header line and three fields: the order number (`Order2026` / `OrdApr23`), the code
without a dot (`POAexemptCode`) and its long title (`Description`). The zip also holds lists of the codes
added, deleted and revised since the previous list; those are recognised and skipped.

The list is stored beside the release cache (`releases/<release>/poa_exempt.txt`, 0600) rather than inside
it, so it survives `codesets build` and can be added to the built-in release or to a period whose code
sets are not installed (the exemption is a fact of the period, like the grouper version).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from codesets.codes import looks_like_cm, normalize
from codesets.fsutil import write_atomic
from codesets.paths import private_dir, releases_dir

FILE_NAME = "poa_exempt.txt"
_HEADER = re.compile(r"^\ufeff?\s*(Ord(?:er)?(?:Apr)?\d{2,4})\tPOAexemptCode\tDescription\s*$", re.IGNORECASE)
_CHANGE_HEADER = re.compile(r"^\ufeff?\s*(?:Ord\w*\t)?POAexemptCode\t", re.IGNORECASE)


class PoaExemptError(ValueError):
    """A malformed POA-exempt file; the message names the file and line."""


def _first_line(head: str) -> str:
    return head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def _change_name(name: str) -> bool:
    return bool(re.search(r"(?i)POAexempt(Add|Delete|Revise)", name.rsplit("/", 1)[-1]))


def is_change_list(name: str, head: str) -> bool:
    """The add/delete/revise lists that come in the same zip (not the list itself)."""
    first = _first_line(head)
    return bool(_CHANGE_HEADER.match(first)) and (_change_name(name) or not _HEADER.match(first))


def is_poa_exempt_list(name: str, head: str) -> bool:
    return bool(_HEADER.match(_first_line(head))) and not _change_name(name)


def release_hint(name: str, head: str) -> str | None:
    """The release the list is for, read off its header (`Order2026`, `OrdApr23`) or file name."""
    m = _HEADER.match(_first_line(head))
    for text in ((m.group(1) if m else ""), name.rsplit("/", 1)[-1].rsplit("!", 1)[-1]):
        if a := re.search(r"Apr[a-z]*[-_ ]?(\d{4}|\d{2})(?!\d)", text, re.IGNORECASE):
            year = a.group(1)
            return f"{year if len(year) == 4 else '20' + year}.1"
        if y := re.search(r"(20\d\d)", text):
            return f"{y.group(1)}.0"
    return None


def parse(name: str, data: bytes) -> frozenset[str]:
    """The codes (no dots) of a POA-exempt list; an error names the file and line of the first problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = text.splitlines()
    if not lines or not _HEADER.match(lines[0]):
        raise PoaExemptError(f"{name}, line 1: expected the CMS header 'Order<year>\\tPOAexemptCode\\t"
                             "Description' (tab delimited)")
    codes: set[str] = set()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise PoaExemptError(f"{name}, line {n}: expected 3 tab-delimited fields (order, POAexemptCode, "
                                 f"Description), found {len(fields)}")
        order, code, _title = (f.strip() for f in fields)
        if not order.isdigit():
            raise PoaExemptError(f"{name}, line {n}, field 1 (order): expected a number, found {order!r}")
        if not looks_like_cm(code):
            raise PoaExemptError(f"{name}, line {n}, field 2 (POAexemptCode): expected an ICD-10-CM code, "
                                 f"found {fields[1].strip()!r}")
        codes.add(normalize(code))
    if not codes:
        raise PoaExemptError(f"{name}: the header is there but no codes follow")
    return frozenset(codes)


def path(release: str) -> Path:
    return releases_dir() / release / FILE_NAME


def install(release: str, codes: frozenset[str], source: str) -> None:
    """Store the list for `release` atomically (0600); a reader sees the old list or the new one."""
    body = f"# CMS POA-exempt codes for release {release}, imported from {source}\n" + \
        "".join(c + "\n" for c in sorted(codes))
    write_atomic(private_dir(releases_dir() / release) / FILE_NAME, body.encode())
    _read.cache_clear()


@functools.lru_cache(maxsize=16)
def _read(release: str, mtime_ns: int) -> frozenset[str]:
    with open(path(release), encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def load(release: str) -> frozenset[str] | None:
    """The exempt codes for `release`, or None when no list is imported for it."""
    try:
        mtime = os.stat(path(release)).st_mtime_ns
    except FileNotFoundError:
        return None
    return _read(release, mtime)
