"""Damaged and hostile official files: each is refused with the file and place named, installs nothing,
and never loads more of a zip than the release files it holds (#17)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from codesets.release import importer
from codesets.release.drg_tables import DrgTableError, parse_table5
from codesets.release.importer import ImportFailed, install

OFFICIAL = Path(__file__).parents[1] / "fixtures" / "official"
FY2027 = OFFICIAL / "fy2027"


def _release_zip(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in FY2027.iterdir():
            if f.name not in (extra or {}):
                z.write(f, f.name)
        for name, data in (extra or {}).items():  # in place of the fixture of that name
            z.writestr(name, data)
    return path


def _installed(data_dir: Path) -> bool:
    return (data_dir / "releases" / "2027.0" / "release.sqlite").exists()


def test_a_huge_member_is_neither_loaded_nor_imported(data_dir, tmp_path):
    """A zip of a few MB with a 300 MB member: skipped members are never read past their first bytes;
    a release-looking member over the cap is refused by its size. Peak memory of the import stays far
    below the member's size (measured in a child process)."""
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for f in FY2027.iterdir():
            zf.write(f, f.name)
        with zf.open("readme.bin", "w", force_zip64=True) as fh:
            for _ in range(300):
                fh.write(bytes(1 << 20))
    # VmHWM: this process's own peak (ru_maxrss would carry the forking test process's over exec)
    script = ("import re, sys; from codesets.release.importer import install; r = install([sys.argv[1]]); "
              "print(r.release, re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1])")
    done = subprocess.run([sys.executable, "-c", script, str(z)], capture_output=True, text=True,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    release, peak_kb = done.stdout.split()
    assert release == "2027.0"
    assert int(peak_kb) < 200 * 1024  # the member alone is 300 MB


def test_a_release_member_over_the_cap_is_refused(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_MEMBER_BYTES", 1 << 20)
    big = b'<?xml version="1.0"?><ICD10CM.index>' + b" " * (2 << 20) + b"</ICD10CM.index>"
    z = _release_zip(tmp_path / "r.zip", {"icd10cm_index_2027.xml": big})
    with pytest.raises(ImportFailed, match=r"r\.zip!icd10cm_index_2027\.xml: .*larger than any official"):
        install([str(z)])
    assert not _installed(data_dir)


def test_corrupt_zip_bytes_name_the_member(data_dir, tmp_path):
    z = _release_zip(tmp_path / "r.zip", {"icd10cm_index_2027.xml": (FY2027 / "icd10cm_index_2027.xml")
                                          .read_bytes() * 50})
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("icd10cm_index_2027.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    mid = start + info.compress_size // 2
    raw[mid:mid + 200] = b"\xff" * 200
    z.write_bytes(bytes(raw))
    with pytest.raises(ImportFailed, match=r"r\.zip!icd10cm_index_2027\.xml: cannot be read"):
        install([str(z)])
    assert not _installed(data_dir)


def test_not_a_zip_at_all(data_dir, tmp_path):
    z = tmp_path / "release.zip"
    z.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFailed, match="release.zip: not a readable zip file"):
        install([str(z)])


def _folder_with(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "release"
    shutil.copytree(FY2027, folder)
    (folder / name).write_bytes(data)
    return folder


def test_a_short_order_row_is_reported_by_line(data_dir, tmp_path):
    rows = (FY2027 / "icd10pcs_order_2027.txt").read_bytes() + b"00007 0DT 1 X\n"
    folder = _folder_with(tmp_path, "icd10pcs_order_2027.txt", rows)
    with pytest.raises(ImportFailed, match=r"icd10pcs_order_2027.txt, line 7: expected the fixed-width"):
        install([str(folder)])
    assert not _installed(data_dir)


def test_a_non_numeric_axis_position_is_reported_by_element(data_dir, tmp_path):
    xml = (FY2027 / "icd10pcs_tables_2027.xml").read_bytes().replace(b'pos="4"', b'pos="four"', 1)
    folder = _folder_with(tmp_path, "icd10pcs_tables_2027.xml", xml)
    with pytest.raises(ImportFailed, match=r"element pcsTable\[1\]/pcsRow\[1\]/axis\[1\]: axis pos must "
                                           r"be a number from 1 to 7 \(got 'four'\)"):
        install([str(folder)])
    assert not _installed(data_dir)


def test_index_terms_nested_without_end_are_refused(data_dir, tmp_path):
    deep = b"<term level='1'><title>x</title>" * 5000 + b"</term>" * 5000
    xml = (b'<?xml version="1.0"?><ICD10CM.index><letter><title>A</title><mainTerm><title>A</title>'
           + deep + b"</mainTerm></letter></ICD10CM.index>")
    folder = _folder_with(tmp_path, "icd10cm_index_2027.xml", xml)
    with pytest.raises(ImportFailed, match="icd10cm_index_2027.xml, element .*nested more than"):
        install([str(folder)])


@pytest.mark.parametrize("weight", ["NaN", "-1e308", "inf", "-0.5", "1e400"])
def test_table5_weights_must_be_real_non_negative_numbers(weight):
    text = (OFFICIAL / "table5_fy2027.txt").read_bytes().replace(b"\t1.3102\t1.3102", b"\t1.3102\t"
                                                                  + weight.encode())
    with pytest.raises(DrgTableError, match=rf"line 4: column 'weight': expected a number from 0 .*{weight}"):
        parse_table5("table5.txt", text)
