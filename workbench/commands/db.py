"""`workbench db init|check|backup|regroup|restore`, `workbench import|export|apply`.

The database is `--db PATH`, else $WORKBENCH_DB, else the user data directory.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from workbench.commands._common import BAD_INPUT
from workbench.interchange.import_pool import given_grouping, group_for_import
from workbench.interchange.reader import (
    ParsedLine,
    RecordError,
    decode_json,
    encounter_from_record,
    parse_diagnoses,
    parse_line,
    parse_procedures,
)
from workbench.interchange.writer import write_file
from workbench.model.encounter import Encounter
from workbench.store.backup import BackupIncomplete
from workbench.store.files import StoreError
from workbench.store.model import CheckReport


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="encounter database: init, check, backup, restore")
    dbsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = dbsub.add_parser("init", help="create a database (a team one with --group)")
    p.add_argument("path", type=Path, nargs="?",
                   help="folder of the new database (default: --db, $WORKBENCH_DB, else your data folder)")
    p.add_argument("--group", help="Unix group of a team database: 0660 files in a setgid 2770 folder")
    p.set_defaults(func=cmd_init)
    p = dbsub.add_parser("check", help="read every file back and compare it with the queue")
    p.set_defaults(func=cmd_check)
    p = dbsub.add_parser("backup", help="write a verified backup into the database's backups/ folder")
    p.set_defaults(func=cmd_backup)
    p = dbsub.add_parser("regroup", help="regroup the encounters whose stored DRG a new grouper version "
                         "made stale (shown as 291~ in the queue)")
    p.set_defaults(func=cmd_regroup)
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
    from workbench.store.files import Modes, default_path

    if args.path is None:  # `workbench --db X db init`: the database the other commands would open
        args.path = Path(args.db) if args.db else default_path()
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
    return _maintain(args, "check")


def cmd_backup(args: argparse.Namespace) -> int:
    return _maintain(args, "backup")


def cmd_regroup(args: argparse.Namespace) -> int:
    from workbench.drg.regroup import regroup_stale

    try:
        with _open(args) as store:
            result = regroup_stale(store)
    except StoreError as e:
        return _fail(str(e))
    print(f"{result.stale} stale groupings: {len(result.regrouped)} regrouped, "
          f"{len(result.ungroupable)} no longer group (DRG cleared), {len(result.left)} left for later")
    for account, why in result.left:
        print(f"  {account}: {why}", file=sys.stderr)
    return 1 if result.left else 0


def _maintain(args: argparse.Namespace, task: str) -> int:
    """`db check` (exit status 1 when it finds problems) or `db backup` (prints the backup's path)."""
    try:
        with _open(args) as store:
            result = store.check() if task == "check" else store.backup()
    except BackupIncomplete as e:
        print(e.path)
        return _fail(str(e))
    except StoreError as e:
        return _fail(str(e))
    print(result)
    return 1 if isinstance(result, CheckReport) and not result.ok else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from workbench.store.core import Store
    from workbench.store.files import default_path

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


def _jsonl_lines(path: Path) -> Iterator[tuple[ParsedLine, str]]:
    with open(path, encoding="utf-8") as fh:
        for n, text in enumerate(fh, 1):
            text = text.strip().lstrip("\ufeff")
            if text:
                yield parse_line(text, n), text


def _problems(path: Path, lines: Iterable[tuple[ParsedLine, Any]]) -> list[str]:
    """Every bad line and repeated account of one file (read once, nothing kept but the accounts)."""
    errors = []
    seen: dict[str, int] = {}
    for p, _ in lines:
        if not p.ok:
            errors.append(f"workbench: {path} {p.error}")
        elif p.encounter is not None:
            first = seen.setdefault(p.encounter.account, p.line)
            if first != p.line:
                errors.append(f"workbench: {path} line {p.line}: account {p.encounter.account} "
                              f"repeats line {first}")
    return errors


def _encounters(path: Path, csv_lines: list[Any] | None) -> Iterator[Encounter]:
    """The encounters of a checked file, with the grouping the file gives (drg, weight, version)."""
    lines = csv_lines if csv_lines is not None else _jsonl_lines(path)
    for p, raw in lines:
        assert p.encounter is not None
        p.encounter.grouping = given_grouping(raw if isinstance(raw, dict) else json.loads(raw))
        yield p.encounter


IMPORT_CHUNK = 2000  # encounters grouped and written at a time: memory stays flat at any file size


def _import_file(store: Any, path: Path, csv_lines: list[Any] | None, update: bool) -> Any:
    """Import one checked file in this process, in chunks. Encounters with codes are grouped first, so
    the queue and reports show their DRG, weight and grouper version without regrouping."""
    from workbench.store.core import ImportResult

    total = ImportResult()
    chunk: list[Encounter] = []
    service = None

    def flush() -> None:
        nonlocal service
        service = group_for_import(chunk, service)
        result = store.add_many(chunk, update=update)
        total.added += result.added
        total.replaced += result.replaced
        total.skipped += result.skipped
        chunk.clear()

    for enc in _encounters(path, csv_lines):
        chunk.append(enc)
        if len(chunk) >= IMPORT_CHUNK:
            flush()
    if chunk:
        flush()
    return total


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.interchange import import_pool
    from workbench.interchange.csv_io import read_csv

    status = 0
    checked: list[tuple[Path, list[Any] | None, list[import_pool.Span] | None]] = []
    pool = None
    try:
        for path in args.files:
            try:
                if path.suffix.lower() == ".csv":
                    csv_lines, found = list(read_csv(path)), None
                else:  # a large file is checked (and later grouped and encoded) by a worker a core
                    csv_lines, found = None, import_pool.spans(path)
                    found = found if import_pool.worth_a_pool(found) else None
                errors = None
                if found is not None:
                    pool = pool or import_pool.new_pool()
                    errors = import_pool.problems(pool, path, found)
                if errors is None:  # one process (and the exact wording of a line that is not UTF-8)
                    found = None
                    errors = _problems(path, csv_lines if csv_lines is not None else _jsonl_lines(path))
            except (OSError, UnicodeDecodeError) as e:
                status = _fail(f"{path}: cannot be read ({e})", BAD_INPUT)
                continue
            if errors:
                for error in errors:
                    print(error, file=sys.stderr)
                print(f"{path}: {len(errors)} bad line(s); nothing imported from this file", file=sys.stderr)
                status = BAD_INPUT
                continue
            checked.append((path, csv_lines, found))
        if not checked:
            return status
        try:
            with _open(args, create=True) as store:
                for path, csv_lines, found in checked:
                    if found is not None and pool is not None:
                        result = import_pool.import_spans(pool, store, path, found, args.update)
                    else:
                        result = _import_file(store, path, csv_lines, args.update)
                    for account in result.skipped:
                        print(f"{path}: account {account} is already in the database; skipped "
                              f"(--update replaces it)", file=sys.stderr)
                    print(f"{path}: {len(result.added)} added, {len(result.replaced)} replaced, "
                          f"{len(result.skipped)} duplicate(s) skipped")
        except (StoreError, OSError) as e:
            return _fail(str(e))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
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


# What `apply` changes; any other field is refused rather than acknowledged and ignored.
APPLY_FIELDS = ("account", "diagnoses", "procedures", "status", "reason")


def _apply_one(store: Any, obj: Any) -> int:
    if not isinstance(obj, dict):
        raise RecordError("the line", "a JSON object", obj)
    account = obj.get("account")
    if not isinstance(account, str) or not account.strip():
        raise RecordError("account", "a non-empty account number", account)
    others = [k for k in obj if k not in APPLY_FIELDS]
    if others:
        raise RecordError(", ".join(others), "left out: apply changes only " + ", ".join(APPLY_FIELDS)
                          + "; those fields are not applied (use import --update)", show_got=False)
    reason = obj.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise RecordError("reason", "text", reason)
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
    return int(store.save(enc, stored.revision, reason=reason))


def _not_list(key: str, value: Any) -> list[Any]:
    raise RecordError(key, "a list", value)


def cmd_apply(args: argparse.Namespace) -> int:
    name = "standard input" if args.file == "-" else args.file
    try:
        fh = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")
    except OSError as e:
        return _fail(f"{args.file}: cannot be read ({e.strerror or e})", BAD_INPUT)
    status = 0

    def bad(n: int, message: str) -> None:
        nonlocal status
        print(f"workbench: {name} line {n}: {message}", file=sys.stderr)
        status = BAD_INPUT

    try:
        with fh, _open(args) as store:
            for n, raw in enumerate(fh, 1):
                obj: Any = None
                try:  # line by line, so that one line that is not UTF-8 is reported and the rest applied
                    text = raw.decode("utf-8").strip().lstrip("\ufeff")
                except UnicodeDecodeError as e:
                    bad(n, f"not UTF-8 text (byte {raw[e.start]:#04x} at column {e.start + 1}); "
                        "nothing changed")
                    continue
                if not text:
                    continue
                try:
                    obj = decode_json(text)
                    revision = _apply_one(store, obj)
                except RecordError as e:
                    account = obj.get("account") if isinstance(obj, dict) else None
                    bad(n, f"account {account}: {e}" if isinstance(account, str) else str(e))
                except (ValueError, StoreError) as e:  # JSON errors; store messages name the account
                    bad(n, str(e))
                else:
                    print(json.dumps({"account": obj["account"].strip(), "revision": revision}), flush=True)
    except StoreError as e:
        return _fail(str(e))
    return status
