"""The encounter store: TinyDB files on disk, the queue journal, locks, backups and checks."""
