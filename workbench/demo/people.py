"""Fictional people for the demo: patients drawn from common names, clinicians with pun names no one has.

The attending and surgeon names are deliberately impossible (Dr. Cora Nary, Dr. Seymour Bones) so that
a screenshot of the demo can never be mistaken for a real record.
"""

from __future__ import annotations

import random

FIRST_F = (
    "Mary", "Linda", "Patricia", "Barbara", "Dolores", "Gloria", "Rosa", "Aisha", "Mei", "Priya", "Sofia",
    "Hannah", "Grace", "Evelyn", "Margaret", "Keisha", "Ana", "Lucia", "Irene", "Joan", "Tamika", "Nora",
    "Ruth", "Carmen", "Yuki", "Fatima", "Olga", "Brenda", "Denise", "Ellen",
)
FIRST_M = (
    "James", "Robert", "John", "William", "Harold", "Walter", "Luis", "Jamal", "Wei", "Arjun", "Diego",
    "Samuel", "Henry", "George", "Frank", "Darnell", "Jose", "Mateo", "Eugene", "Ray", "Kenji", "Omar",
    "Ivan", "Dennis", "Curtis", "Victor", "Tyrone", "Andre", "Paul", "Earl",
)
LAST = (
    "Abernathy", "Baptiste", "Castellano", "Delacroix", "Eastwood", "Fairbanks", "Galloway", "Hollister",
    "Iverson", "Jablonski", "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura", "Okonkwo", "Pemberton",
    "Quintero", "Rasmussen", "Szymanski", "Thibodeaux", "Underwood", "Vasquez", "Whitaker", "Yamamoto",
    "Zielinski", "Achterberg", "Bellweather", "Cortland", "Dunmore", "Esperanza", "Fontaine", "Greenleaf",
    "Hargrove", "Ingersoll", "Jaramillo", "Kettering", "Larkspur", "Montague", "Nightingale", "Osei",
)

# Attending of record per service.
ATTENDINGS = {
    "medicine": ("Dr. Ima Healer", "Dr. Justin Casey", "Dr. Paige Turner"),
    "cardiology": ("Dr. Cora Nary",),
    "pulmonary": ("Dr. Al Veolus",),
    "neurology": ("Dr. Neil Ronn",),
    "gi": ("Dr. Gus Tric",),
    "surgery": ("Dr. Anna Stomosis",),
    "orthopedics": ("Dr. Seymour Bones",),
    "ob": ("Dr. Bertha Babcock",),
    "pediatrics": ("Dr. Tiny Tim Littleton",),
    "nephrology": ("Dr. Rena L. Flow",),
    "psychiatry": ("Dr. Frieda Mind",),
    "oncology": ("Dr. Lou Kemia",),
    "urology": ("Dr. P. Stream",),
    "ent": ("Dr. Noah Snotgrass",),
    "ophthalmology": ("Dr. Iris Lenz",),
    "endocrine": ("Dr. Gladys Thyroid",),
}
SERVICE_NAMES = {
    "medicine": "Hospital Medicine", "cardiology": "Cardiology", "pulmonary": "Pulmonary/Critical Care",
    "neurology": "Neurology", "gi": "Gastroenterology", "surgery": "General Surgery",
    "orthopedics": "Orthopedic Surgery", "ob": "Obstetrics", "pediatrics": "Newborn Nursery",
    "nephrology": "Nephrology", "psychiatry": "Psychiatry", "oncology": "Hematology/Oncology",
    "urology": "Urology", "ent": "Otolaryngology", "ophthalmology": "Pediatrics/Ophthalmology",
    "endocrine": "Endocrine Surgery",
}
SURGEONS = {
    "cardiology": "Dr. Cora Nary", "surgery": "Dr. Anna Stomosis", "orthopedics": "Dr. Seymour Bones",
    "ob": "Dr. Bertha Babcock", "urology": "Dr. P. Stream", "endocrine": "Dr. Gladys Thyroid",
    "gi": "Dr. Gus Tric", "ortho_spine": "Dr. Verta Bray", "gyn": "Dr. Bertha Babcock",
}
RESIDENTS = ("Dr. Rookie McNewton (PGY-2)", "Dr. Eager Beaver (PGY-1)", "Dr. Sue Ture (PGY-3)")
ANESTHESIA = ("Dr. Ether Snooze", "Dr. Gas Passer")

PAYERS_MEDICARE = ("Medicare", "Medicare", "Medicare Advantage - Sunnyvale Senior Plan")
PAYERS_YOUNG = ("Commercial - Northwind Health Plan", "Commercial - Contoso Mutual", "Medicaid",
                "Medicaid Managed Care - Riverbend Health", "Self-pay")


def patient_name(rng: random.Random, sex: str) -> str:
    first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
    return f"{rng.choice(LAST).upper()}, {first}"


def payer_for(rng: random.Random, age: int) -> str:
    if age >= 65:
        return rng.choice(PAYERS_MEDICARE)
    if age == 0:
        return rng.choice(("Medicaid", "Commercial - Northwind Health Plan"))
    return rng.choice(PAYERS_YOUNG)
