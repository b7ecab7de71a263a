"""Reference data for inpatient coding: releases, ICD-10-CM/PCS tables, MS-DRG tables, search.

Imports nothing from Textual: the CLI, the tests and the UI all stand on these modules.
"""
