"""Code search: the index over a release, query text handling, abbreviations and ranking."""
