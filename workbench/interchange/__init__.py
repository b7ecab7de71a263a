"""The JSON Lines interchange format (reader and writer) and its CSV form."""
