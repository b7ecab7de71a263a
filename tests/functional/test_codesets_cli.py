"""`workbench code` and `workbench codesets list` on the built-in release (real CLI, real cache)."""

from __future__ import annotations

import json

from workbench.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_code_card_json(capsys):
    rc, out, _ = _run(capsys, "code", "e11.22", "0DTJ4ZZ", "--json", "--release", "2026.1")
    assert rc == 0
    cm, pcs = (json.loads(line) for line in out.splitlines())
    assert cm["code"] == "E11.22" and cm["system"] == "CM" and cm["billable"] and cm["release"] == "2026.1"
    assert cm["notes"][0] == {"kind": "use_additional_code", "inherited_from": None,
                              "text": "code to identify stage of chronic kidney disease (N18.1-N18.6)"}
    assert any(n["inherited_from"] == "E11" for n in cm["notes"]) and cm["cc_level"] is None
    assert pcs["system"] == "PCS" and pcs["axes"][3]["meaning"] == "Appendix"


def test_header_code_is_not_billable(capsys):
    rc, out, _ = _run(capsys, "code", "I50")
    assert rc == 0
    assert "NOT billable" in out and "I50.2" in out
    rc, out, _ = _run(capsys, "code", "S72.001", "--json")
    card = json.loads(out)
    assert not card["billable"] and card["seven_chr"]["A"] == "initial encounter for closed fracture"


def test_unknown_code_exits_2_with_nearest(capsys):
    rc, out, err = _run(capsys, "code", "I50.99")
    assert rc == 2 and out == ""
    assert "unknown code 'I50.99'" in err and "I50.9" in err


def test_missing_release_is_named_and_titles_marked(capsys):
    rc, out, err = _run(capsys, "code", "I50.23", "--date", "2026-10-01")
    assert rc == 0
    assert "release 2027.0 (FY2027, MS-DRG v44.0) is not installed" in err
    assert "workbench codesets import" in err
    assert "release 2027.0, titles from 2026.1" in out
    # the level is the FY2027 grouper's own; the exclusion list is labelled as the older release's
    assert "MCC (grouper MS-DRG v44.0) as a secondary diagnosis" in out
    assert "in 2026.1, not the 2027.0 tables" in out


def test_missing_release_cc_level_follows_its_grouper(capsys):
    rc, out, _ = _run(capsys, "code", "N17.9", "E11.9", "--date", "2026-10-01", "--json")
    cards = {c["code"]: c for c in map(json.loads, out.splitlines())}
    assert cards["N17.9"]["cc_level"] == "CC" and cards["E11.9"]["cc_level"] is None
    assert cards["N17.9"]["cc_level_release"] == "MS-DRG v44.0"


def test_codesets_list_counts(capsys):
    rc, out, _ = _run(capsys, "codesets", "list", "--verbose")
    assert rc == 0
    assert "2026.1  discharges 2026-04-01 to 2026-09-30, MS-DRG v43.1" in out
    assert "billable of" in out and "DRGs with weights" in out
    assert "generated code rejected by MCE" in out
    assert "2027.0  discharges 2026-10-01 to 2027-03-31, MS-DRG v44.0" in out.split("not installed")[-1]


def test_code_card_prints_notes_as_the_tabular_list_does(capsys):
    # The XML keeps only what follows the instruction ("<codeFirst><note>, if applicable, ...").
    assert main(["code", "A41.9"]) == 0
    lines = [ln.strip() for ln in capsys.readouterr().out.splitlines()]
    assert "Code first, if applicable, postprocedural sepsis (T81.44-)  [from A41]" in lines
    assert "Code first sepsis during labor (O75.3)  [from A41]" in lines
    assert "Use additional code to identify resistance to antimicrobial drugs (Z16.-)  [from 1]" in lines
    assert "Excludes1: bacteremia NOS (R78.81)  [from A41]" in lines
    assert not any(ln.lower().startswith(("code first:", "use additional code: code")) for ln in lines)


def test_a_one_or_two_character_pcs_prefix_names_the_tables_it_starts(capsys):
    # `0S` (section and body system) answered "unknown code" with the first codes in code order
    rc, out, err = _run(capsys, "code", "0S", "--release", "2026.1")
    assert rc == 2 and out == ""
    assert "0S is not a code" in err and "tables starting 0S" in err
    assert "0SG Fusion, Lower Joints" in err and "0SR Replacement, Lower Joints" in err
    assert "0S2YX0Z" not in err
    rc, out, err = _run(capsys, "code", "0 s")  # spaces and case as typed
    assert rc == 2 and "tables starting 0S" in err
    rc, out, err = _run(capsys, "code", "5A")
    assert rc == 2 and "5A0 Assistance" in err and "5A1 Performance" in err and "5A2 Restoration" in err
    rc, out, err = _run(capsys, "code", "0", "--json")
    assert rc == 2 and "tables starting 0 " in err and "001 Bypass" in err and "more" not in out
    # a CM-looking letter stays a code lookup; a 3-character PCS prefix still shows its table
    assert "nearest existing codes: X00.0XXA" in _run(capsys, "code", "X")[2]
    rc, out, _ = _run(capsys, "code", "0s-g 0")
    assert rc == 0 and out.startswith("0SG  Medical and Surgical / Lower Joints / Fusion")
