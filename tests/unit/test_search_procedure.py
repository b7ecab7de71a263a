"""Procedure understanding in code search (codesets/search/procedure.py) on the real release: queries
phrased as op notes and coders phrase them land on the code whose axes they name."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.patient import conflict, rank_for_patient
from codesets.search.procedure import interpret
from codesets.search.procedure_vocab import parse_terms


def top(index: SearchIndex, query: str, n: int = 1) -> list[str]:
    return [r.code for r in index.search(query, limit=n)]


def test_query_is_read_into_axes():
    intent = interpret("colonoscopy with biopsy of sigmoid".split())
    assert intent is not None and intent.strong
    assert max(intent.groups["op"], key=intent.groups["op"].get) == "0_B"  # Excision, not Inspection
    assert intent.groups["app"] == {"____8": 1.0} and intent.groups["qual"] == {"______X": 1.0}
    assert "sigmoid" in intent.words and "excision" in intent.words


def test_scope_alone_is_the_inspection_of_its_site():
    intent = interpret(["bronchoscopy"])
    assert intent is not None and not intent.strong
    assert "0_J" in intent.groups["op"] and "tracheobronchial" in intent.words


@pytest.mark.parametrize("words", ["heart failure", "status post cabg", "pacemaker malfunction",
                                   "rhabdomyolysis", "open wound of knee"])
def test_diagnoses_are_not_read_as_procedures(words):
    assert interpret(words.split()) is None


@pytest.mark.parametrize("query, code", [
    ("laparoscopic right nephrectomy", "0TT04ZZ"),        # suffix + root: resection of kidney
    ("open reduction internal fixation left radius", "0PSJ04Z"),
    ("kyphoplasty L1", "0QU03JZ"),                         # spinal level -> lumbar vertebra
    ("PCI of the circumflex with two drug eluting stents", "027035Z"),  # stents counted on the device
    ("CABG x3 with saphenous vein", "021209W"),            # arteries counted on the body part
    ("mechanical ventilation for 5 days", "5A1955Z"),      # more than 96 consecutive hours
    ("ventilator support 12 hours", "5A1935Z"),
    ("transurethral resection of bladder tumor", "0TBB8ZZ"),  # a tumor: part of the bladder, Excision
    ("left total shoulder arthroplasty", "0RRK0JZ"),
    ("hysteroscopy with endometrial ablation", "0U5B8ZZ"),
    ("ventriculoperitoneal shunt placement", "00160J6"),
])
def test_procedures_phrased_as_op_notes(index, query, code):
    assert top(index, query) == [code]


def test_two_procedures_offer_the_definitive_first_and_the_other(index):
    found = top(index, "right breast lumpectomy with sentinel node biopsy", 2)
    assert found[0] == "0HBT0ZZ" and found[1].startswith("07B")  # lymphatic biopsy second
    both = top(index, "intubation and mechanical ventilation 36 hours", 5)
    assert "0BH17EZ" in both[:2] and "5A1945Z" in both


def test_procedure_reading_is_shown_as_matched(index):
    r = index.search("lap chole", limit=1)[0]
    assert r.code == "0FT44ZZ" and "read as:" in r.matched


def test_diagnosis_searches_keep_their_answers(index):
    assert top(index, "ventilator associated pneumonia") == ["J95851"]
    assert top(index, "rhabdomyolysis") == ["M6282"]


def test_a_garbled_word_still_answers(index):
    results = index.search("xlifzz", limit=3)
    assert results and "only 'xlif'" in results[0].matched


def test_bad_vocabulary_line_names_file_and_line():
    with pytest.raises(ValueError, match=r"terms.tsv, line 2: unknown constraint 'colour=red'"):
        parse_terms(["biopsy\t-\top=B", "stent\t-\tcolour=red"], "terms.tsv")
    with pytest.raises(ValueError, match=r"line 1: expected `phrase<TAB>title words<TAB>constraints`"):
        parse_terms(["biopsy op=B"], "terms.tsv")


def test_patient_conflicts():
    assert conflict("0VTC0ZZ", "PCS", 40, "F") == "male patients only"
    assert conflict("10E0XZZ", "PCS", 68, "M") == "female patients only"
    assert conflict("P599", "CM", 68, "M") == "newborns (age 0)"
    assert conflict("O80", "CM", 70, "F").startswith("maternity")
    assert conflict("I10", "CM", 68, "M") == ""


def test_codes_the_patient_rules_out_rank_last_but_stay_findable(index):
    results = index.search("jaundice", limit=40)
    assert any(r.code.startswith("P") for r in results[:5])  # neonatal jaundice codes near the top
    ranked = rank_for_patient(results, 68, "M")
    assert [r.code for r in ranked][:3] == ["R17", "D580", "A270"]
    newborn = [r for r in ranked if r.code.startswith("P")]
    assert newborn and all(ranked.index(r) >= 3 for r in newborn)
    assert all("newborns (age 0)" in r.matched for r in newborn)
    assert sorted(r.code for r in ranked) == sorted(r.code for r in results)  # nothing dropped
    assert rank_for_patient(results, None, None) == results


def test_delivery_and_newborn_z_codes_rank_below_for_a_68_year_old(index):
    # the MCE edits these Z codes as maternity (9-64) or newborn (0) ages: Z37.9 led "delivery" for a
    # 68-year-old woman, and Z00.110 "newborn exam" for her, because only O and P codes were ranked down
    ranked = rank_for_patient(index.search("delivery", limit=40), 68, "F")
    first = ranked[0]
    assert not first.code.startswith(("Z3", "O", "1")), [r.code for r in ranked[:5]]
    outcome = next(r for r in ranked if r.code == "Z379")
    assert "maternity, ages 9-64" in outcome.matched and ranked.index(outcome) > 0
    assert conflict("Z379", "CM", 30, "F") == "" and conflict("Z3A39", "CM", 30, "F") == ""
    for code in ("Z0371", "Z1332", "Z3201", "Z331", "Z3490", "Z360", "Z379", "Z390", "Z3A39"):
        assert conflict(code, "CM", 68, "F") == "maternity, ages 9-64", code
    for code in ("Z00110", "Z051", "Z3800"):
        assert conflict(code, "CM", 68, "F") == "newborns (age 0)", code
    assert conflict("Z3202", "CM", 68, "F") == ""  # a negative pregnancy test is no maternity code
    assert conflict("Z00121", "CM", 68, "F") == ""  # a child's exam (pediatric ages) is not ranked here
