"""Every billable code comes first when searched by its own code, with and without the dot."""

from __future__ import annotations

from codesets.codes import with_dot
from codesets.search.engine import SearchIndex


def test_every_billable_code_is_first_for_its_own_code():
    from codesets.release.core import load_release

    release = load_release("2026.1")
    index = SearchIndex.for_release(release)
    cm = [i.code for i in release.iter_cm() if i.billable]
    pcs = [p.code for p in release.iter_pcs()]
    assert len(cm) > 70_000 and len(pcs) > 70_000
    wrong = []
    for system, codes in (("CM", cm), ("PCS", pcs)):
        for code in codes:
            for query in {code, with_dot(code, system), code.lower()}:
                hits = index.search(query, limit=1)
                if not hits or hits[0].code != code:
                    wrong.append(query)
    assert wrong == []
