"""Coder words for what the core keeps as identifiers, and fitting text to a terminal width.

The screens and the CLI show grouper statuses, note sources and code titles through these helpers, so
an internal token (`no_cc`, `K800`) never reaches a coder and a title is never cut at its deciding
word: it wraps.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from codesets.codes import with_dot
from workbench.model.encounter import STATUS_LABELS, Encounter

COUNTS_AS = {
    "counted": "counts as {level}",
    "excluded": "CC excluded by the principal diagnosis",
    "hac": "not counted: hospital-acquired condition",
    "no_cc": "not a CC/MCC",
    "principal": "principal diagnosis",
    "invalid": "not a valid code in this version",
}
"""How the grouper treated a secondary diagnosis (workbench.drg DiagnosisResult.status), in words."""


def counts_as_words(status: str, level: str | None = None) -> str:
    """`counted` with level MCC -> "counts as MCC"; `no_cc` -> "not a CC/MCC"; unknown -> ""."""
    words = COUNTS_AS.get(status, "")
    return words.format(level=level if level in ("CC", "MCC") else "CC/MCC")


def count_words(n: int, noun: str) -> str:
    """`1 suggestion`, `3 suggestions`: a count as a coder says it, never "suggestion(s)"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def lock_holder_words(user: str, session: str, since: str) -> str:
    """Who holds a chart, as a coder reads it: `root on ws12, since 2026-06-01 09:14` (the host of the
    session `ws12:4242:873311` and the lock's time in local time), never the pid or the ISO stamp."""
    host = session.split(":", 1)[0]
    try:
        when = dt.datetime.fromisoformat(since).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        when = since
    return f"{user} on {host}, since {when}" if host else f"{user}, since {when}"


_ABBREVIATIONS = {"cmi": "CMI", "cc": "CC", "mcc": "MCC", "drg": "DRG", "mdc": "MDC", "dnfb": "DNFB",
                  "los": "LOS"}


def label_words(key: str) -> str:
    """A report field as a column heading: `cc_mcc_rate` -> "CC/MCC rate", `cmi_next` -> "CMI next"
    (abbreviations in capitals, never the snake_case key)."""
    words = [_ABBREVIATIONS.get(w, w) for w in key.split("_")]
    return " ".join(words).replace("CC MCC", "CC/MCC")


def severity_words(severity: str | None) -> str:
    """The grouping's severity (`MCC`, `CC`, `NONE`) as the DRG titles say it."""
    return severity if severity in ("CC", "MCC") else "without CC/MCC"


def note_source_words(source: str) -> str:
    """Where an inherited instructional note is written: `K800` -> "K80.0-" (the code and everything
    below it, the dash as the ICD-10-CM Tabular writes it), `K80` -> "K80.-", `11` -> "chapter 11",
    `K80-K87` -> "K80-K87"."""
    s = source.strip()
    if s.isdigit():
        return f"chapter {int(s)}"
    if "-" in s:
        return s.upper()
    dotted = with_dot(s)
    return dotted + ("-" if "." in dotted else ".-")


_TO_COME = (
    (re.compile(r"undone: (.+)"), r'the edit "\1" will be undone'),
    (re.compile(r"accepted (.+)"), r"\1 will be added"),
    (re.compile(r"(.+) (added|removed|dismissed|made principal)"), r"\1 will be \2"),
    (re.compile(r"(POA|date) of (.+) set to (.+)"), r"the \1 of \2 will be set to \3"),
    (re.compile(r"query drafted for (.+)"), r"a physician query will be drafted for \1"),
    (re.compile(r"moved (up|down)"), r"the code will be moved \1"),
    (re.compile(r"query (\d+) (answered|withdrawn)"), r"query \1 will be \2"),
)


def change_to_come(what: str) -> str:
    """An edit's past-tense description (the audit trail's "I10 added") as what is still to happen
    ("I10 will be added"): the reopen question comes before the edit is made."""
    for pattern, words in _TO_COME:
        m = pattern.fullmatch(what)
        if m:
            return m.expand(words)
    return f"the change ({what}) will be made"


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (a word longer than the line
    is split); never an empty list."""
    width = max(1, width)
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    return lines or [""]


def hanging(lead: str, text: str, width: int, min_text: int = 12) -> list[str]:
    """`lead` (a code column) then `text` wrapped beside it, later lines indented under the text's
    first character: "K80.01   CC  Calculus of gallbladder with acute" / "             cholecystitis with
    obstruction". When the width leaves less than `min_text` cells for the text it wraps below."""
    room = width - len(lead)
    if room < min_text:
        return [lead.rstrip(), *wrap(text, max(width, min_text))]
    lines = wrap(text, room)
    return [lead + lines[0], *(" " * len(lead) + line for line in lines[1:])]


def fit_lines(parts: list[tuple[str, int]], width: int, lines: int = 2, sep: str = "  ") -> list[list[int]]:
    """`parts` (text, priority: lower is kept longer) laid out in order on at most `lines` lines of
    `width` cells, a part never split; the parts of highest priority number are left out first until
    the rest fit. Returns the indexes of the parts on each line."""

    def layout(keep: list[int]) -> list[list[int]] | None:
        out: list[list[int]] = [[]]
        used = 0
        for i in keep:
            n = len(parts[i][0])
            if out[-1] and used + len(sep) + n > width:
                out.append([])
                used = 0
            used += (len(sep) if out[-1] else 0) + n
            out[-1].append(i)
        fits = all(sum(len(parts[i][0]) for i in line) + len(sep) * (len(line) - 1) <= width for line in out)
        return out if fits and len(out) <= lines else None

    keep = list(range(len(parts)))
    for i in sorted(keep, key=lambda i: (parts[i][1], i), reverse=True):
        fitted = layout(keep)
        if fitted is not None:
            return fitted
        keep.remove(i)
    return layout(keep) or [keep]


def encounter_header(enc: Encounter, revision: int | None, width: int, lines: int = 2) -> list[list[str]]:
    """The encounter screen's header: the parts that fit on `lines` lines of `width`, line by line.
    Account, status, patient, LOS, disposition, payer and service are kept first; the age and sex,
    the dates, the coder and the revision are left out first when the lines are short."""
    age = enc.age_years()
    los = enc.length_of_stay()
    parts = [(enc.account, 0), (STATUS_LABELS.get(enc.status, enc.status), 0), (enc.patient_name or "?", 1),
             (f"{age if age is not None else '?'}{enc.sex}", 4),
             (f"{enc.admit_date or '?'} to {enc.discharge_date or '?'}", 6),
             (f"LOS {los if los is not None else '?'}", 2), (f"disp {enc.disposition or '?'}", 2)]
    parts += [(p, 3) for p in (enc.payer, enc.service) if p]
    if enc.coder:
        parts.append((f"coder {enc.coder}", 7))
    if revision is not None:
        parts.append((f"rev {revision}", 8))
    return [[parts[i][0] for i in line] for line in fit_lines(parts, width, lines)]
