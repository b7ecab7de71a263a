"""The Textual user interface. Nothing outside this package imports it (see tests/test_import_hygiene.py).

`workbench.tui.keymap` is plain data (no Textual import) so `workbench config keys` can list it.
"""
