"""A seeded random sample of ICD-10-PCS Index entries as tuning queries (issue 14): how far the search
carries Index terms measured broadly, rather than on hand-picked ones.

    .venv/bin/python -m tests.bench.sample_pcs_index --n 120 --seed 32 > OUT.tsv

Population: every Index entry one or two levels deep (a main term, or a main term and one subterm) that
leads to a code or a table: a code of its own ("Colonoscopy" 0DJD8ZZ, "Repair > Cecum" 0DQH) or a `see`
reference naming one ("Polypectomy, gastrointestinal: see Excision, Gastrointestinal System 0DB").
Entries that name only a root operation ("Ligation: see Occlusion") and Body Part / Device Key entries
(`use ...`) are left out, and so are entries whose table holds more than MAX_ACCEPTED valid codes (3E0,
XW0: any code of them would count, which tests nothing).

Query: the words as a coder types them off the Index: the main term, or main term and subterm with the
commas dropped, in either order (seeded) unless the term ends or the subterm starts with a preposition
("Insertion of device in cul-de-sac"); text in parentheses is dropped. Accepted: every valid code of the
release the entry's codes and table prefixes cover (all lines with the same path together).
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
from collections import defaultdict

MAX_ACCEPTED = 400
_REF_RE = re.compile(r"\b([0-9A-HJ-NP-Z]{3,7})\b")
_PREP = ("in", "on", "from", "of", "to", "for", "with", "by", "via", "into", "using")


def _words(text: str) -> str:
    while (bare := re.sub(r"\([^()]*\)", " ", text)) != text:  # innermost first: "(e.g., Dilapan-S(R) rod)"
        text = bare
    return " ".join(text.replace(",", " ").split()).lower()


def query_for(path: tuple[str, ...], rnd: random.Random) -> str:
    if len(path) == 1:
        return _words(path[0])
    term, sub = _words(path[0]), _words(path[1])
    if term == "new technology":  # a heading of the Index, not words a coder types
        return sub
    if term.split()[-1] in _PREP or sub.split()[0] in _PREP or rnd.random() < 0.5:
        return f"{term} {sub}"
    return f"{sub} {term}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=32)
    ap.add_argument("--release", default="2026.1")
    args = ap.parse_args()

    from codesets.release.core import load_release

    release = load_release(args.release)
    codes = sorted(p.code for p in release.iter_pcs())
    refs: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for e in release.index_terms("pcs_index"):
        if len(e.path) > 2:
            continue
        if e.code:
            refs[e.path].append(e.code)
        elif e.see and not e.see.startswith("use "):
            refs[e.path].extend(_REF_RE.findall(e.see.split(",")[-1]))
    population = []
    for path, prefixes in refs.items():
        accepted: set[str] = set()
        for prefix in prefixes:
            lo = bisect.bisect_left(codes, prefix)
            hi = bisect.bisect_left(codes, prefix + "~", lo)
            accepted.update(codes[lo:hi])
        if (accepted and len(accepted) <= MAX_ACCEPTED and _words(path[-1])
                and _words(path[-1]).split()[0] != "and"):  # "Duodenoscopy > and Pancreas": a wrapped line
            population.append((path, sorted(accepted)))
    rnd = random.Random(args.seed)
    seen = set()
    for path, accepted in rnd.sample(population, min(len(population), args.n * 2)):
        q = query_for(path, rnd)
        if q in seen or len(seen) >= args.n:
            continue
        seen.add(q)
        print(f"# Index: {' > '.join(path)}\n{q}\t{' '.join(accepted)}\tpcs-index")


if __name__ == "__main__":
    main()
