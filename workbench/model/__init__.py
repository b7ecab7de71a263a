"""The encounter model: encounters and their codes, workflow statuses, and pure coding edits."""
