"""Search conventions of round 22 of issue 14, on the real release 2026.1: queries typed the way people
type them. A word no edit or two reaches is read by its sound ("numonya"), shorthand run together is
read as its words ("jtube", "chesttube") and not a word a phrase names ("greenfield"), and problem-list
shorthand written as one word (hypoCa, hyperK) or with a grade (critical AS). Expected codes checked with
`workbench code`; the queries differ from those of the tuning files."""

from __future__ import annotations

from codesets.search.engine import SearchIndex
from codesets.search.phonetic import SoundIndex, sound_key
from codesets.search.run_together import split_run_together


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_word_typed_as_it_sounds_finds_the_word(index):
    # J18.9 Pneumonia, unspecified organism: "numonya" is three edits from pneumonia and matched nothing
    assert codes(index, "numonya", 1) == ["J189"]
    # 0FT44ZZ Resection of Gallbladder, Percutaneous Endoscopic Approach: "kolecistectomy" read as a
    # cyst-ectomy (the bladder) before
    first = index.search("lap kolecistectomy", limit=1)[0]
    assert first.code == "0FT44ZZ" and "'kolecistectomy' read as 'cholecystectomy'" in first.matched


def test_the_sound_key_and_its_nearest_word():
    assert sound_key("numonia") == sound_key("pneumonia") == sound_key("noomonia")
    assert sound_key("hemmoroid") == sound_key("hemorrhoid")
    assert sound_key("pleura") != sound_key("pneumonia")
    sounds = SoundIndex(["pneumonia", "pneumonias", "pleura"], {"pneumonia": 9})
    assert sounds.nearest("numonia") == ["pneumonia"]
    assert sounds.nearest("pneumonia") == []      # the word itself is no correction
    assert sounds.nearest("numo") == []           # too short to say


def test_shorthand_run_together_is_read_as_its_words(index):
    # 0DHA?UZ Insertion of Feeding Device into Jejunum; 0W9930Z Drainage of Right Pleural Cavity with
    # Drainage Device, Percutaneous Approach
    first = index.search("jtube", limit=1)[0]
    assert (first.code[:4], first.code[5:]) == ("0DHA", "UZ") and "'jtube' read as 'j tube'" in first.matched
    assert codes(index, "chesttube right", 1) == ["0W9930Z"]


def test_a_word_a_phrase_names_is_not_split(index):
    # 06H03DZ Insertion of Intraluminal Device into Inferior Vena Cava, Percutaneous Approach (an IVC
    # filter), not "green field"
    first = index.search("greenfield filter", limit=1)[0]
    assert first.code == "06H03DZ" and "green field" not in first.matched


def test_split_run_together_rules():
    keys = {("lap", "chole"), ("g", "tube"), ("cabg",)}
    known = {"over", "night", "hypertension"}.__contains__
    is_key = keys.__contains__
    assert split_run_together(["lapchole"], is_key, known) == (["lap", "chole"], {"lapchole": "lap chole"})
    assert split_run_together(["gtube", "placed"], is_key, known)[0] == ["g", "tube", "placed"]
    assert split_run_together(["cabgx4"], is_key, known)[0] == ["cabg", "x4"]
    assert split_run_together(["hypertension"], is_key, known)[0] == ["hypertension"]  # a word of its own
    assert split_run_together(["hypertention"], is_key, known)[0] == ["hypertention"]  # a typo, no halves
    assert split_run_together(["overnight"], is_key, known)[0] == ["overnight"]  # two plain words: no
    assert split_run_together(["gtub"], is_key, known)[0] == ["gtub"]                  # no key, no words


def test_problem_list_shorthand_written_as_one_word(index):
    assert codes(index, "hypoCa", 1) == ["E8351"]      # Hypocalcemia
    assert codes(index, "hyperK", 1) == ["E875"]       # Hyperkalemia
    assert codes(index, "critical AS", 1) == ["I350"]  # Nonrheumatic aortic (valve) stenosis


def test_closures_stimulators_and_reservoirs_by_their_stored(index):
    # Supplement Atrial Septum with Synthetic Substitute, Percutaneous; Insertion of Neurostimulator Lead
    # into Spinal Cord, Percutaneous; Insertion of Infusion Device into Cerebral Ventricle, open, percutaneous
    assert codes(index, "ASD closure", 1) == ["02U53JZ"]
    assert codes(index, "spinal cord stimulator placement", 1) == ["00HV3MZ"]
    assert codes(index, "Ommaya placement", 2) == ["00H603Z", "00H633Z"]


def test_a_slip_that_lands_on_a_rare_word_still_finds_the_common_one(index):
    # R10.13 Epigastric pain: "pian" is yaws (A66) in the Index, and pain is what was meant beside a site
    assert codes(index, "epigastric pian", 1) == ["R1013"]
    assert codes(index, "pian", 1) == ["A669"]  # alone, the word as typed: Yaws, unspecified


def test_a_count_typed_onto_its_procedure(index):
    # 021109W Bypass Coronary Artery, Two Arteries from Aorta with Autologous Venous Tissue, Open Approach
    first = index.search("cabgx2", limit=1)[0]
    assert first.code == "021109W" and "'cabgx2' read as 'cabg x2'" in first.matched


def test_a_misspelled_word_of_a_two_word_abbreviation(index):
    # "rapid ventricular response" is an abbreviation-table phrase (atrial fibrillation): I48.91 first
    first = index.search("rapid ventricular responce", limit=1)[0]
    assert first.code == "I4891" and "'responce' read as 'response'" in first.matched


def test_a_type_said_in_words(index):
    assert codes(index, "type two diabetes", 1) == ["E119"]  # Type 2 diabetes mellitus without complications


def test_a_word_only_an_icd9_title_holds_is_split_into_its_phrase(index):
    # 02HP32Z Insertion of Monitoring Device into Pulmonary Trunk, Percutaneous Approach (Swan-Ganz)
    assert codes(index, "swanganz placement", 1) == ["02HP32Z"]


def test_cardiac_shorthand_alone_names_the_usual_procedure(index):
    # 02703DZ Dilation of Coronary Artery, One Artery with Intraluminal Device, Percutaneous Approach: a
    # stent named without a vessel is a PCI's; 02HA0QZ Insertion of Implantable Heart Assist System into
    # Heart, Open Approach; 4A0234Z Measurement of Cardiac Electrical Activity, Percutaneous Approach
    assert codes(index, "BMS placement", 1) == ["02703DZ"]
    assert codes(index, "LVAD insertion", 1) == ["02HA0QZ"]
    assert codes(index, "electrophysiology study", 1) == ["4A0234Z"]
    first = codes(index, "renal artery DES", 1)[0]  # a vessel named: its own stent (renal, either side)
    assert first in ("047934Z", "047A34Z")
