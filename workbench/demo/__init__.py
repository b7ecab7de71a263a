"""The built-in demo set: realistic, fictional inpatient stays with an answer key kept for tests.

`demo_encounters()` gives the uncoded encounters; `answer_keys()` the coding a careful coder assigns.
"""

from workbench.demo.answer_key import AnswerKey, KeyDiagnosis, KeyProcedure
from workbench.demo.generate import DEFAULT_SEED, answer_keys, demo_encounters, generate

__all__ = [
    "DEFAULT_SEED", "AnswerKey", "KeyDiagnosis", "KeyProcedure", "answer_keys", "demo_encounters", "generate",
]
