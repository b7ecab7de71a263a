"""Releases: the calendar of periods, the Release API over one SQLite cache per release, and its
builders (installed packages, official CMS/CDC files)."""
