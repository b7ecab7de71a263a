"""The record: document text, the clinical lexicon, the scanner and the suggestions built on it."""
