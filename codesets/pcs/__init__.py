"""ICD-10-PCS tables: the rows of valid values, the meaning of each axis value, section and
body-system names."""
