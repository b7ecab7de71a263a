"""`workbench suggest FILE [--json]`: record-driven code suggestions for each encounter of a JSON Lines file.

Text output: one block per encounter (account, then one line per suggestion with its evidence). `--json`:
one JSON line per encounter, `{"account", "suggestions": [{"code", "title", "evidence": {"document", "text"},
"cc_level", "drg_if_added", ...}]}`, leaving out codes already coded and codes dismissed on the encounter.
A line that cannot be read is reported on standard error (`FILE line N: field must be ...`) and the others
are still processed; exit status 2 when any line was bad.
"""

from __future__ import annotations

import argparse
import sys

from workbench.commands._common import BAD_INPUT, drg_service
from workbench.commands._input import InterchangeInput, add_file_command, json_line


def register(sub: argparse._SubParsersAction) -> None:
    add_file_command(sub, "suggest", "codes the documents support that are not coded yet, with the "
                     "sentence that supports each (JSON Lines interchange file)", cmd_suggest)


def cmd_suggest(args: argparse.Namespace, source: InterchangeInput) -> int:
    from codesets.codes import with_dot
    from codesets.release.calendar import NoReleaseForDate
    from codesets.release.core import resolve
    from codesets.search.engine import SearchIndex
    from workbench.record.suggest import suggest

    out = sys.stdout

    with drg_service() as svc:
        try:
            for enc in source.encounters():
                try:
                    res = resolve(date=enc.discharge_date) if enc.discharge_date else resolve()
                except NoReleaseForDate as e:
                    source.bad_line(f"account {enc.account}: {e}")
                    continue
                index = SearchIndex.for_release(res.data)
                sugs = suggest(enc, release=res.data, index=index, drg_service=svc)
                if args.json:
                    out.write(json_line(enc.account, "suggestions", [s.to_json() for s in sugs]))
                    continue
                head = f"{len(sugs)} suggestion(s)" if sugs else "no suggestions"
                out.write(f"{enc.account}: {head}\n")
                for s in sugs:
                    cc = f" {s.cc_level}" if s.cc_level else ""
                    effect = s.drg_if_added
                    drg = ""
                    if effect is not None and effect.drg:
                        # no weight when none is installed for the discharge's fiscal year (as the app)
                        weight = f" weight {effect.weight:.4f}" if effect.weight is not None else ""
                        drg = f"  if added: DRG {effect.drg}{weight}"
                    out.write(f"  {s.kind:5} {with_dot(s.code, s.system):9}{cc:4} {s.title}{drg}\n")
                    out.write(f"        {s.evidence.document_type} #{s.evidence.document + 1}: "
                              f"{s.evidence.text}\n")
        except UnicodeDecodeError as e:
            return source.not_utf8(e)
    out.flush()
    return BAD_INPUT if source.report_bad("") else 0
