"""`workbench search --age/--sex/--account` ranks codes the patient rules out after the others, with the
ranking the encounter screen uses (codesets.search.patient.search_for_patient), over the search's whole
pool of matches (issue 14): the real CLI, release 2026.1 and TinyDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.app_samples import make_db
from tests.support.cli import run_cli


def found(capsys, *args: object) -> list[dict]:
    code, out, err = run_cli(capsys, "search", *args, "--json")
    assert code == 0, err
    return json.loads(out)["results"]


def test_a_68_year_old_gets_the_adult_feeding_codes_before_the_newborn_ones(capsys) -> None:
    plain = [r["code"] for r in found(capsys, "feeding problems", "--limit", "5")]
    assert plain[0] == "R6339" and plain[1].startswith("P")  # P92.-: feeding problems of newborn
    results = found(capsys, "feeding problems", "--limit", "5", "--age", "68")
    codes = [r["code"] for r in results]
    # R63.39 Other feeding difficulties, R63.30 Feeding difficulties, unspecified (R63.30 was not among
    # the first 5 without the patient); the newborn codes still listed, last, with the reason
    assert codes[:2] == ["R6339", "R6330"]
    newborn = [r for r in results if r["code"].startswith("P")]
    assert newborn and results[-1] == newborn[-1]
    assert all("newborns (age 0)" in r["matched"] for r in newborn)


def test_a_man_gets_pregnancy_codes_below_the_others_still_listed(capsys) -> None:
    results = found(capsys, "pregnancy", "--limit", "10", "--sex", "M", "--age", "45")
    female = [n for n, r in enumerate(results) if "female patients only" in r["matched"]]
    assert female and min(female) > 0
    assert all(n in female for n in range(min(female), len(results)))  # after every code that fits
    assert "Z331" in [results[n]["code"] for n in female]  # Pregnant state, incidental: findable
    # 2 of the 10 lines (RULED_OUT_SHARE) are kept for them when enough codes fit
    assert len(female) == 2


def test_account_takes_age_and_sex_from_the_encounter(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "db")  # A1004: Moe, Max, 45, male
    code, out, err = run_cli(capsys, "--db", db, "search", "pregnancy", "--account", "A1004", "--limit", "8",
                             "--json")
    assert code == 0, err
    by_account = [r["code"] for r in json.loads(out)["results"]]
    given = [r["code"] for r in found(capsys, "pregnancy", "--age", "45", "--sex", "M", "--limit", "8")]
    plain = [r["code"] for r in found(capsys, "pregnancy", "--limit", "8")]
    assert by_account == given != plain


def test_bad_patient_options_are_refused(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "db")
    code, out, err = run_cli(capsys, "--db", db, "search", "jaundice", "--account", "NOPE")
    assert code == 2 and "no encounter 'NOPE'" in err and out == ""
    code, out, err = run_cli(capsys, "search", "jaundice", "--age", "-3")
    assert code == 2 and "--age must be between 0 and 124" in err
    with pytest.raises(SystemExit) as stop:  # argparse refuses it before the command runs
        run_cli(capsys, "search", "jaundice", "--sex", "X")
    assert stop.value.code == 2 and "invalid choice: 'X'" in capsys.readouterr().err
