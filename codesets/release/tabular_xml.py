"""The official CDC ICD-10-CM tabular list XML (`icd10cm-tabular-*.xml`, root `ICD10CM.tabular`).

    for item in parse_tabular(path): ...   # TabularItem, parents before children (document order)

Streams the file (xml.etree iterparse): chapters, sections (blocks), `diag` items at every level, titles,
every instructional note and the 7th-character definitions. 7th-character codes are generated from
the nearest `sevenChrDef` at or above each leaf, the code padded with the placeholder X to six
characters first (ICD-10-CM Official Guidelines I.A.4-5; simple_icd_10_cm does the same). Which of the
generated codes exist is for the caller to decide (order file or the grouper's code editor).
Malformed XML raises TabularError naming the file and line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from codesets.codes import normalize

# Tabular element -> Note.kind (codesets.model.NOTE_KINDS).
NOTE_TAGS = {
    "includes": "includes",
    "inclusionTerm": "inclusion_term",
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "codeFirst": "code_first",
    "useAdditionalCode": "use_additional_code",
    "codeAlso": "code_also",
    "sevenChrNote": "seven_chr_note",
    "notes": "note",
}
_ITEM_TAGS = ("chapter", "section", "diag")


class TabularError(ValueError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line = path, line
        super().__init__(f"{path}, line {line}: {message}" if line else f"{path}: {message}")


@dataclass
class TabularItem:
    """One tabular item. `code` is normalised; chapters are their number, blocks their id ("A00-A09").
    `generated` marks 7th-character codes built from a sevenChrDef (their `title` is the leaf's title
    plus ", " and the character's meaning, as the order file words them)."""

    code: str
    title: str
    kind: str  # chapter, block, category, subcategory, code
    parent: str | None
    notes: list[tuple[str, str]] = field(default_factory=list)
    seven_chr: dict[str, str] = field(default_factory=dict)
    has_children: bool = False
    generated: bool = False


@dataclass
class _Frame:
    item: TabularItem
    line: int
    order: int
    seven: dict[str, str] | None  # nearest sevenChrDef at or above this item
    items: list[TabularItem] = field(default_factory=list)


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_tabular(source: str | Path | IO[bytes], name: str | None = None) -> Iterator[TabularItem]:
    """Yield every item of the tabular list in document order (each parent before its children)."""
    label = name or str(source if not hasattr(source, "read") else getattr(source, "name", "tabular.xml"))
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    stack: list[_Frame] = []
    pending: list[TabularItem] = []  # finished subtrees waiting for their ancestors to be emitted
    seen_root = False
    order = 0
    fh: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source
    line = 0
    try:
        for chunk in fh:  # line by line, so that errors and items carry their line number
            line += 1
            try:
                parser.feed(chunk)
                events = cast(list[tuple[str, ET.Element]], list(parser.read_events()))
            except ET.ParseError as err:
                raise TabularError(label, err.position[0], f"not well-formed XML ({err})") from None
            except (LookupError, ValueError) as err:  # an encoding the declaration names that Python lacks
                raise TabularError(label, line, f"cannot be read as XML ({err})") from None
            for event, el in events:
                if event == "start":
                    if not seen_root:
                        seen_root = True
                        if el.tag != "ICD10CM.tabular":
                            raise TabularError(label, line, "expected root element <ICD10CM.tabular>, "
                                               f"got <{el.tag}>")
                    if el.tag in _ITEM_TAGS:
                        kind = {"chapter": "chapter", "section": "block"}.get(el.tag, "diag")
                        parent = stack[-1] if stack else None
                        if el.tag == "section":
                            if parent is None or parent.item.kind != "chapter":
                                raise TabularError(label, line, "<section> outside a <chapter>")
                            sid = el.get("id")
                            if not sid:
                                raise TabularError(label, line, "<section> without an id attribute")
                            # A one-category block (B10) is named B10-B10 so that B10 stays the category.
                            code = sid if "-" in sid else f"{sid}-{sid}"
                        else:
                            code = ""
                        item = TabularItem(code=code, title="", kind=kind,
                                           parent=parent.item.code if parent else None)
                        stack.append(_Frame(item, line, order, parent.seven if parent else None))
                        order += 1
                    continue
                # end events
                tag = el.tag
                if not stack:
                    continue
                frame = stack[-1]
                if tag == "name" and frame.item.code == "":
                    raw = (el.text or "").strip()
                    if not raw:
                        raise TabularError(label, frame.line, f"<{_tag_of(frame)}> with an empty <name>")
                    frame.item.code = raw if frame.item.kind == "chapter" else normalize(raw)
                elif tag == "desc" and not frame.item.title:
                    frame.item.title = _text(el)
                elif tag in NOTE_TAGS:
                    for note in el.iter("note"):
                        text = _text(note)
                        if text:
                            frame.item.notes.append((NOTE_TAGS[tag], text))
                elif tag == "sevenChrDef":
                    defs: dict[str, str] = {}
                    last = None
                    for child in el:
                        if child.tag == "extension":
                            char = child.get("char", "")
                            if len(char) != 1:
                                raise TabularError(label, frame.line, f"code {frame.item.code}: <extension> "
                                                   f"needs a one-character char attribute (got {char!r})")
                            defs[char] = _text(child)
                            last = char
                        elif child.tag == "note" and last is not None:
                            defs[last] += "/" + _text(child)
                    frame.item.seven_chr = defs
                    frame.seven = defs
                elif tag in _ITEM_TAGS:
                    stack.pop()
                    _finish(frame, stack, pending, label)
                    el.clear()
                    if not stack:
                        yield from pending
                        pending.clear()
        try:
            parser.close()
        except ET.ParseError as err:
            raise TabularError(label, line, f"not well-formed XML ({err})") from None
    finally:
        if fh is not source:
            fh.close()
    if not seen_root:
        raise TabularError(label, None, "empty file: expected an ICD10CM.tabular document")
    if stack:
        raise TabularError(label, stack[-1].line, f"<{_tag_of(stack[-1])}> is not closed")
    if order == 0:
        raise TabularError(label, None, "no <chapter> elements found")


def _tag_of(frame: _Frame) -> str:
    return {"chapter": "chapter", "block": "section"}.get(frame.item.kind, "diag")


def _finish(frame: _Frame, stack: list[_Frame], pending: list[TabularItem], label: str) -> None:
    item = frame.item
    if not item.code:
        raise TabularError(label, frame.line, f"<{_tag_of(frame)}> without a <name>")
    if not item.title:
        raise TabularError(label, frame.line, f"{item.code}: missing <desc>")
    if item.kind == "diag":
        item.kind = "category" if len(item.code) == 3 else "subcategory"
    children = frame.items
    item.has_children = bool(children)
    out = [item]
    if not children and item.kind not in ("chapter", "block"):
        if frame.seven:
            out.extend(_seventh_character_codes(item, frame.seven))
            item.has_children = True
        else:
            item.kind = "code"  # a leaf, whether 3 characters (I10) or more
    out.extend(children)
    if stack:
        stack[-1].items.extend(out)
    else:
        pending.extend(out)


def _seventh_character_codes(leaf: TabularItem, defs: dict[str, str]) -> list[TabularItem]:
    """7th-character codes of a leaf: pad with X to six characters, then each defined character."""
    stem = leaf.code.ljust(6, "X")
    return [
        TabularItem(code=stem + char, title=f"{leaf.title}, {meaning}", kind="code", parent=leaf.code,
                    generated=True)
        for char, meaning in defs.items()
    ]
