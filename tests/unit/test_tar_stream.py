"""A backup's tar is written by `store.tar_stream` (its own headers, for speed): byte for byte what
`tarfile` writes for the same members, long and non-ASCII names included, and read back by `tarfile`."""

from __future__ import annotations

import io
import tarfile

from workbench.store.tar_stream import TarStream

MEMBERS = [
    ("meta.json", b"{}"),
    ("data/queue.jsonl", b""),
    ("data/encounters/ab/ACC0000001.json", b"x" * 513),
    ("data/encounters/0f/" + "B" * 76 + ".json", b"z" * 512),  # exactly 100 bytes: still ustar
    ("data/encounters/0f/" + "A" * 81 + ".json", b"y" * 7),  # past 100: a pax header
    ("data/encounters/0f/_caf\u00e9~1a2b3c4d5e6f.json", "é".encode()),  # not ASCII: a pax header
    ("MANIFEST.json", b"m" * 10_241),
]


def _by_tarfile() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:") as tar:
        for name, data in MEMBERS:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_the_stream_writes_what_tarfile_writes() -> None:
    out = io.BytesIO()
    stream = TarStream(out)
    for name, data in MEMBERS:
        stream.add(name, data)
    stream.finish()
    assert out.getvalue() == _by_tarfile()
    with tarfile.open(fileobj=io.BytesIO(out.getvalue()), mode="r:") as tar:
        got = {m.name: (m.mode, tar.extractfile(m).read()) for m in tar}  # type: ignore[union-attr]
    assert got == {name: (0o600, data) for name, data in MEMBERS}
