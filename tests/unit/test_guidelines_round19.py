"""Issue 15, round conv19 (tests/tuning/conventions_tuning35): of category Z90 (acquired absence of organs)
the ICD-10-CM Official Guidelines' Appendix I lists Z90.710 alone among the codes exempt from POA reporting;
without an imported CMS list a blank POA on Z90.49 (after a cholecystectomy) is a warning, a blank on Z90.710
(after a total hysterectomy) is not. Release 2026.1, every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 8, 15)


def enc(*dx: str) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R19", sex="F", age=76)


def test_blank_poa_on_absence_of_digestive_organ_warns(checker):
    # CT35-44: pneumonia, hypertension, cholecystectomy status keyed with no POA
    found = [(f.severity, f.codes) for f in checker.check(enc("J18.9", "I10", "Z90.49:"))
             if f.severity != "info"]
    assert found == [("warning", ("Z9049",))]


def test_blank_poa_on_absence_of_cervix_and_uterus_is_silent(checker):
    # CT35-27: iron deficiency from chronic blood loss, hysterectomy status left blank (exempt)
    assert not serious(checker, enc("D50.0", "K57.30", "K21.9", "I10", "Z79.01:", "I48.20", "Z90.710:"))
    # the same status given POA Y is only information (exempt codes are normally left blank)
    assert not serious(checker, enc("D50.0", "K57.30", "Z90.710"))
