"""Search round 32 (issue 14, search32), on the real release 2026.1: a named or eponymous operation reads
as the objective and body part of the operation it names, the eponym alone as well as with its noun; where
the operation has two coded parts the definitive one comes first and the other stays in the first five; an
eponym that is also a diagnosis is read as the procedure only with its noun. Expected codes checked with
`workbench code --json` (valid, billable, the title meant); the queries differ from those of
tests/search_tuning_pcs41.tsv and tests/search_tuning_pcs42.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_an_eponym_alone_names_its_operation(index):
    assert codes(index, "Ivor-Lewis", 1) == ["0DT50ZZ"]  # resection of the esophagus, open
    assert codes(index, "Kasai hepatoportoenterostomy", 1) == ["0F170ZB"]
    assert codes(index, "Glenn shunt", 1) == ["021V0ZQ"]
    assert codes(index, "Bricker", 1) == ["0T180ZC"]
    assert codes(index, "lap Heller", 1) == ["0D844ZZ"]


def test_the_definitive_part_of_a_two_part_operation_comes_first(index):
    # Billroth: the partial gastrectomy, then the gastrojejunostomy (II) in the first five
    got = codes(index, "Billroth II operation")
    assert got[0] == "0DB60ZZ" and "0D160ZA" in got
    # Ross: the pulmonary autograft in the aortic position first
    assert codes(index, "Ross operation", 1) == ["02RF07Z"]
    # Chiari decompression with a duraplasty: the release, then the dura patched (not a urinary repair)
    got = codes(index, "Chiari decompression with duraplasty")
    assert got[0] == "00NC0ZZ" and got[1].startswith("00U2")


def test_open_aaa_repair_with_a_graft_is_the_replacement_of_the_aorta(index):
    assert codes(index, "open AAA repair, tube graft", 2) == ["04R00JZ", "04U00JZ"]


def test_the_side_and_approach_said_with_an_eponym_are_kept(index):
    assert codes(index, "left Bankart", 1) == ["0RQK4ZZ"]  # arthroscopic unless said open
    assert codes(index, "right Lisfranc amputation", 1) == ["0Y6M0Z0"]
    assert codes(index, "lap Toupet", 1) == ["0DV44ZZ"]


def test_an_eponym_that_is_also_a_diagnosis_stays_the_diagnosis(index):
    assert codes(index, "Ross River fever", 1) == ["B331"]
    assert codes(index, "Frey syndrome", 1) == ["L7452"]
    assert codes(index, "LeFort fracture", 1) == ["S0241"]
    assert codes(index, "Weil disease", 1) == ["A270"]  # not the Weil osteotomy
    assert codes(index, "Heller's dementia", 1) == ["F843"]  # not the Heller myotomy
    assert codes(index, "Fontan-associated liver disease", 1) == ["I27840"]


def test_more_eponyms_and_named_devices(index):
    assert codes(index, "Shouldice hernia repair, left", 1) == ["0YQ60ZZ"]  # tissue repair, no mesh
    assert codes(index, "Warren distal splenorenal shunt", 1) == ["06110ZB"]
    assert codes(index, "left Cimino fistula", 1) == ["031C0ZF"]
    assert codes(index, "right ureteral reimplantation", 1) == ["0T160ZB"]
    assert codes(index, "ICP monitor placement", 1) == ["00H032Z"]
