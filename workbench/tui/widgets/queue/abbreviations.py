"""Short forms of payers and services for the queue's columns, as coders say them ("MA Sunnyvale" for
"Medicare Advantage - Sunnyvale Senior Plan", "GI" for Gastroenterology): the full names cut at ten
columns read "Medicaid M" and "Gastroente". The chart header and the `payer:` / `service:` filters keep
the full names."""

from __future__ import annotations

import re

# Payer classes (the part before " - " in "Class - Plan name"), by the abbreviations billing offices use.
_PAYER_CLASS = {"medicaid managed care": "MCO", "managed medicaid": "MCO", "medicare advantage": "MA",
                "commercial": "Comm", "workers compensation": "WC", "workers' compensation": "WC",
                "tricare": "Tricare", "blue cross blue shield": "BCBS"}
_SERVICE = {"hospital medicine": "Hosp Med", "internal medicine": "Int Med", "general surgery": "Gen Surg",
            "gastroenterology": "GI", "obstetrics": "OB", "orthopedic surgery": "Ortho Surg",
            "orthopedics": "Ortho", "cardiology": "Cards", "pulmonary/critical care": "Pulm/CC",
            "urology": "Urology", "newborn nursery": "Nursery", "hematology/oncology": "Heme/Onc",
            "pediatrics/ophthalmology": "Peds/Ophth", "pediatrics": "Peds", "otolaryngology": "ENT",
            "endocrine surgery": "Endo Surg", "psychiatry": "Psych", "nephrology": "Nephro",
            "neurology": "Neuro", "neurosurgery": "Neurosurg", "cardiothoracic surgery": "CT Surg",
            "vascular surgery": "Vasc Surg", "infectious disease": "ID", "oncology": "Onc"}


def short_payer(payer: str) -> str:
    """"Medicaid Managed Care - Riverbend Health" -> "MCO Riverbend"; a plain payer ("Medicare",
    "Self-pay") as written."""
    kind, sep, plan = payer.partition(" - ")
    short = _PAYER_CLASS.get(kind.strip().lower(), kind.strip())
    first = re.split(r"\s+", plan.strip())[0] if sep and plan.strip() else ""
    return f"{short} {first}".strip()


def short_service(service: str) -> str:
    """"Gastroenterology" -> "GI"; a service not in the table as written."""
    return _SERVICE.get(service.strip().lower(), service.strip())
