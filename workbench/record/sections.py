"""The kinds of record section a reader of the record leaves out, one named set per purpose (the section
kinds are text.py's SECTION_KINDS: final, assessment, course, history, family, medications, ...).

A drug list, the allergies and the review of systems (LISTS) state nothing of this stay's diagnoses or
procedures; each reader leaves out those and what its purpose adds."""

from __future__ import annotations

# A drug list, the allergies and a review of systems: lists, not statements about the patient now.
LISTS = frozenset({"medications", "allergies", "ros"})
# The relatives' conditions beside those (family history).
LISTS_AND_RELATIVES = LISTS | {"family"}
# Where a status, a history or a stage the provider states is not read (stated.py, phrasings.py,
# drug_effects.py, stroke_sides.py, combinations.py, guided.py): lists, relatives, registration text.
NOT_STATED = LISTS_AND_RELATIVES | {"admin"}
# Where the scanner reads no diagnosis: lists, registration text, and the story before the diagnosis (chief
# complaint, history of present illness, examination, a differential), which the provider names again where it
# counts.
NOT_DIAGNOSED = LISTS | {"complaint", "admin", "hpi", "exam", "differential", "results"}
# Where no event of this stay is told: lists, relatives, the past history (op_notes.py, pregnancy.py, a
# procedure's statement in procedures.py).
NOT_THIS_STAY = LISTS_AND_RELATIVES | {"history"}
# ... nor the history of present illness (what led to the stay: companions.py, ulcers.py, procedures.py).
NOT_THIS_STAY_NOR_HPI = NOT_THIS_STAY | {"hpi"}
# Where a procedure done this stay is not told (course_procedures.py): all of the above, the complaint,
# registration text, the examination, the procedure note itself (read by op_notes.py) and social history.
NOT_DONE_THIS_STAY = NOT_THIS_STAY_NOR_HPI | {"complaint", "admin", "exam", "procedure", "social"}
# Where an organism is not read as this stay's (stated.py organisms): NOT_STATED and the story before it.
NOT_AN_AGENT_NOW = NOT_STATED | {"history", "hpi", "complaint"}
