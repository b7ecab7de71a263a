"""The coding workbench: encounter model, coding rules, DRG preview, checks, store, CLI and TUI.

Every module here except `workbench.tui` imports without Textual.
"""
