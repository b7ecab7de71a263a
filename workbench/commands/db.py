"""`workbench db init|check|backup|restore`, `workbench import`, `workbench export`, `workbench apply`.

The database is `--db PATH`, else $WORKBENCH_DB, else the user data directory.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.commands._common import BAD_INPUT
from workbench.interchange.reader import (
    ParsedLine,
    RecordError,
    encounter_from_record,
    parse_diagnoses,
    parse_line,
    parse_procedures,
)
from workbench.interchange.writer import write_file
from workbench.store.files import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="encounter database: init, check, backup, restore")
    dbsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = dbsub.add_parser("init", help="create a database (a team one with --group)")
    p.add_argument("path", type=Path)
    p.add_argument("--group", help="Unix group of a team database: 0660 files in a setgid 2770 folder")
    p.set_defaults(func=cmd_init)
    p = dbsub.add_parser("check", help="read every file back and compare it with the queue")
    p.set_defaults(func=cmd_check)
    p = dbsub.add_parser("backup", help="write a verified backup into the database's backups/ folder")
    p.set_defaults(func=cmd_backup)
    p = dbsub.add_parser("restore", help="replace the database's data with a backup")
    p.add_argument("backup", help="backup file (or its name in the backups/ folder)")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("import", help="add encounters from JSON Lines or CSV files (all or nothing per file)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="*.csv is CSV, anything else JSONL")
    p.add_argument("--update", action="store_true", help="replace encounters already in the database")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="write encounters in the interchange format to standard output")
    p.add_argument("--status", help="only encounters with this status")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--no-documents", action="store_true", help="leave out the clinical documents")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("apply", help='apply coding updates: JSON lines {"account", "diagnoses", '
                       '"procedures", "status", "reason"}')
    p.add_argument("file", help="file of updates, or - for standard input")
    p.set_defaults(func=cmd_apply)


def _open(args: argparse.Namespace, create: bool = False) -> Any:
    from workbench.store.core import Store

    return Store.open(args.db, create=create)


def _fail(msg: str, status: int = 1) -> int:
    print(f"workbench: {msg}", file=sys.stderr)
    return status


def cmd_init(args: argparse.Namespace) -> int:
    from workbench.store.core import Store
    from workbench.store.files import Modes

    if (args.path / "meta.json").exists():
        return _fail(f"{args.path} is already a workbench database", BAD_INPUT)
    if args.path.exists() and any(args.path.iterdir()):
        return _fail(f"{args.path} exists and is not empty", BAD_INPUT)
    if args.group:
        import grp

        try:
            grp.getgrnam(args.group)
        except KeyError:
            return _fail(f"--group: no Unix group named {args.group!r}", BAD_INPUT)
    try:
        Store.initialize(args.path, Modes.team() if args.group else Modes(), args.group)
    except (OSError, StoreError) as e:
        return _fail(str(e))
    kind = f"team database for group {args.group} (files 0660, folder 2770)" if args.group else \
        "personal database (files 0600, folder 0700)"
    print(f"created {kind} at {args.path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    try:
        with _open(args) as store:
            report = store.check()
    except StoreError as e:
        return _fail(str(e))
    print(report)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        with _open(args) as store:
            path = store.backup()
    except StoreError as e:
        return _fail(str(e))
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from workbench.store.core import Store, default_path

    db = Path(args.db) if args.db else default_path()
    backup = Path(args.backup)
    if not backup.exists() and (db / "backups" / args.backup).exists():
        backup = db / "backups" / args.backup
    if not backup.is_file():
        return _fail(f"{args.backup}: no such backup file", BAD_INPUT)
    try:
        old = Store.restore(backup, db)
    except StoreError as e:
        return _fail(str(e))
    print(f"restored {backup} into {db}" + (f"; the replaced data is kept in {old}" if old else ""))
    return 0


def _grouping(raw: dict[str, Any]) -> dict[str, Any] | None:
    g = {k: raw[k] for k in ("drg", "weight", "version") if raw.get(k) not in (None, "")}
    return g or None


def _read_jsonl(path: Path) -> list[tuple[ParsedLine, dict[str, Any]]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, text in enumerate(fh, 1):
            text = text.strip().lstrip("\ufeff")
            if text:
                parsed = parse_line(text, n)
                raw = json.loads(text) if parsed.ok else {}
                out.append((parsed, raw))
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.interchange.csv_io import read_csv

    status = 0
    batches = []
    for path in args.files:
        try:
            lines = list(read_csv(path)) if path.suffix.lower() == ".csv" else _read_jsonl(path)
        except (OSError, UnicodeDecodeError) as e:
            status = _fail(f"{path}: cannot be read ({e})", BAD_INPUT)
            continue
        errors = [f"{path}: {p.error}" for p, _ in lines if not p.ok]
        seen: dict[str, int] = {}
        for p, _ in lines:
            if p.ok and p.encounter is not None:
                first = seen.setdefault(p.encounter.account, p.line)
                if first != p.line:
                    errors.append(f"{path}: line {p.line}: account {p.encounter.account} "
                                  f"repeats line {first}")
        if errors:
            for e in errors:
                print(e, file=sys.stderr)
            print(f"{path}: {len(errors)} bad line(s); nothing imported from this file", file=sys.stderr)
            status = BAD_INPUT
            continue
        encs = []
        for p, raw in lines:
            assert p.encounter is not None
            p.encounter.grouping = _grouping(raw)
            encs.append(p.encounter)
        batches.append((path, encs))
    if not batches:
        return status
    try:
        with _open(args, create=True) as store:
            for path, encs in batches:
                result = store.add_many(encs, update=args.update)
                for account in result.skipped:
                    print(f"{path}: account {account} is already in the database; skipped "
                          f"(--update replaces it)", file=sys.stderr)
                print(f"{path}: {len(result.added)} added, {len(result.replaced)} replaced, "
                      f"{len(result.skipped)} duplicate(s) skipped")
    except StoreError as e:
        return _fail(str(e))
    return status


def cmd_export(args: argparse.Namespace) -> int:
    try:
        with _open(args) as store:
            rows = store.list(status=args.status, sort="account")
            encs = (store.get(r.account).encounter for r in rows)
            if args.format == "csv":
                from workbench.interchange.csv_io import write_csv

                write_csv(encs, sys.stdout)
            else:
                write_file(encs, sys.stdout, documents=not args.no_documents)
    except StoreError as e:
        return _fail(str(e))
    return 0


def _apply_one(store: Any, obj: Any) -> int:
    if not isinstance(obj, dict):
        raise RecordError("the line", "a JSON object", obj)
    account = obj.get("account")
    if not isinstance(account, str) or not account.strip():
        raise RecordError("account", "a non-empty account number", account)
    stored = store.get(account.strip())
    enc = stored.encounter
    if "diagnoses" in obj:
        enc.diagnoses = parse_diagnoses(obj["diagnoses"] if isinstance(obj["diagnoses"], list) else
                                        _not_list("diagnoses", obj["diagnoses"]))
    if "procedures" in obj:
        enc.procedures = parse_procedures(obj["procedures"] if isinstance(obj["procedures"], list) else
                                          _not_list("procedures", obj["procedures"]))
    if "status" in obj:
        enc.status = obj["status"]
    encounter_from_record({**obj, "account": account})  # same field rules as the interchange format
    return int(store.save(enc, stored.revision, reason=obj.get("reason")))


def _not_list(key: str, value: Any) -> list[Any]:
    raise RecordError(key, "a list", value)


def cmd_apply(args: argparse.Namespace) -> int:
    try:
        fh = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        return _fail(f"{args.file}: cannot be read ({e})", BAD_INPUT)
    status = 0
    try:
        with fh, _open(args) as store:
            for n, text in enumerate(fh, 1):
                text = text.strip()
                if not text:
                    continue
                try:
                    obj = json.loads(text)
                    revision = _apply_one(store, obj)
                except json.JSONDecodeError as e:
                    print(f"line {n}: not valid JSON ({e.msg} at column {e.colno})", file=sys.stderr)
                    status = BAD_INPUT
                except RecordError as e:
                    account = obj.get("account") if isinstance(obj, dict) else None
                    print(f"line {n}: account {account}: {e}", file=sys.stderr)
                    status = BAD_INPUT
                except StoreError as e:  # these messages name the account already
                    print(f"line {n}: {e}", file=sys.stderr)
                    status = BAD_INPUT
                else:
                    print(json.dumps({"account": obj["account"].strip(), "revision": revision}), flush=True)
    except StoreError as e:
        return _fail(str(e))
    return status
