"""POA-exempt status of an ICD-10-CM code: from the imported CMS list, else inferred from its categories.

The CMS list (codesets/release/poa_exempt.py) is the authority. Without it, exemption is inferred from the
categories the list is built from (ICD-10-CM Official Guidelines, Appendix I, "Categories and codes
exempt from diagnosis present on admission requirement"): sequela categories, congenital anomalies,
encounter, screening, status, history and family-history Z codes, and the external-cause place,
activity and status codes. Only whole categories (or subcategories) the appendix lists are here; codes
the list names one by one elsewhere stay "not known exempt", so an inference never hides a real
omission of POA on a diagnosis. Callers say when an answer is inferred.
"""

from __future__ import annotations

from dataclasses import dataclass

from codesets.codes import normalize
from codesets.release import poa_exempt

# ICD-10-CM Official Guidelines, Appendix I: exempt categories and subcategories (prefixes, no dots).
EXEMPT_PREFIXES: tuple[str, ...] = (
    "B90", "B91", "B92", "B93", "B94",  # sequelae of infectious diseases
    "E64",  # sequelae of malnutrition
    "I252",  # old myocardial infarction
    "I69",  # sequelae of cerebrovascular disease
    "O09",  # supervision of high-risk pregnancy
    "O665",  # attempted application of vacuum extractor and forceps
    "O80",  # encounter for full-term uncomplicated delivery
    "O94",  # sequelae of complication of pregnancy
    "P00",  # newborn affected by maternal conditions unrelated to the pregnancy
    "Q",  # congenital malformations, deformations and chromosomal abnormalities (Q00-Q99)
    "Y92", "Y93", "Y99",  # place of occurrence, activity, external cause status
    "Z00", "Z01", "Z02", "Z03", "Z08", "Z09", "Z11", "Z12", "Z13",  # examinations, screening
    "Z14", "Z15", "Z17", "Z18", "Z19", "Z22", "Z23", "Z28",  # carrier, susceptibility, status
    "Z30", "Z31", "Z34", "Z36", "Z37", "Z38", "Z39", "Z3A",  # reproduction, delivery outcome, newborn
    "Z40", "Z41", "Z42", "Z43", "Z44", "Z45", "Z46", "Z49", "Z51", "Z52",  # encounters for care
    "Z67", "Z68", "Z71", "Z76", "Z78", "Z79",  # blood type, BMI, counseling, long-term drug therapy
    "Z720",  # tobacco use (on the CMS list; the rest of Z72 is left to the list, not inferred)
    "Z80", "Z81", "Z82", "Z83", "Z84", "Z85", "Z86", "Z87", "Z88", "Z89",  # history, absence of limb
    # Of Z90 the appendix lists Z90.710 alone (absence of both cervix and uterus): Z90.49 after a
    # cholecystectomy, Z90.5 after a nephrectomy report Y like any other diagnosis
    "Z90710",
    "Z910", "Z911", "Z914", "Z915", "Z918",  # allergy, noncompliance, personal risk factors
    "Z92", "Z93", "Z94", "Z95", "Z97", "Z98", "Z99",  # treatment history, device and dependence status
    "Z55", "Z56", "Z57", "Z58", "Z59", "Z60", "Z62", "Z63", "Z64", "Z65",  # socioeconomic, psychosocial
    "V",  # transport accidents (V00-V99), except the wheelchair and scooter accidents below
    "Z66",  # do not resuscitate
    "Z7711", "Z7712",  # environmental pollution and hazards
    # External causes that cannot happen in a hospital bed (falls from trees and cliffs, machinery, firearms,
    # explosions, crowds, animals, self-harm and undetermined intent by such means, war): the appendix
    # names them category by category.
    "W09", "W14", "W15", "W170", "W171", "W1801", "W21", "W30", "W31", "W32", "W33", "W34", "W35", "W36",
    "W37", "W38", "W39", "W40", "W52", "W56", "W58", "W61", "W62", "W89",
    "X02", "X03", "X04", "X52", "X71", "X72", "X73", "X74", "X75", "X76", "X77", "X81", "X82", "X83",
    "Y03", "Y07", "Y088", "Y21", "Y22", "Y23", "Y24", "Y30", "Y32", "Y36", "Y37",
)
# Codes inside an exempt category that the appendix excepts (they can happen in the hospital).
NOT_EXEMPT_PREFIXES: tuple[str, ...] = ("V0081", "V0083", "X710")


@dataclass(frozen=True, slots=True)
class PoaExemption:
    exempt: bool
    inferred: bool  # True: no CMS list imported for the release, read from Appendix I categories

    def describe(self, release: str) -> str:
        if not self.inferred:
            return (f"on the CMS POA-exempt list for {release}: POA reported blank" if self.exempt
                    else f"not POA-exempt ({release} CMS list): POA Y, N, U or W required")
        if self.exempt:
            return ("POA-exempt category (ICD-10-CM Guidelines, Appendix I; inferred: no CMS list "
                    f"imported for {release}): POA reported blank")
        return (f"not in a POA-exempt category (Appendix I; inferred: no CMS list imported for {release}): "
                "POA Y, N, U or W required")


# Injuries, poisonings and external causes (S00-T88, V00-Y38) at a subsequent encounter or as a sequela
# (7th character D-S, not the initial A, B, C: the injury happened before this stay): the CMS list has them
# (S68.011D, S68.011S ...), not their initial-encounter codes.
_LATER_ENCOUNTER_CHAPTERS = ("S", "T", "V", "W", "X", "Y")


def inferred_exempt(code: str) -> bool:
    """Whether the code lies in an exempt category of Appendix I."""
    c = normalize(code)
    if len(c) == 7 and c.startswith(_LATER_ENCOUNTER_CHAPTERS) and c[6] in "DEFGHJKMNPQRS" and c[:3] <= "Y38":
        return True
    return c.startswith(EXEMPT_PREFIXES) and not c.startswith(NOT_EXEMPT_PREFIXES)


def exemption(code: str, release: str) -> PoaExemption:
    """The code's POA-exempt status for a release: the CMS list when imported, else the categories."""
    listed = poa_exempt.load(release)
    c = normalize(code)
    if listed is not None:
        return PoaExemption(c in listed, False)
    return PoaExemption(inferred_exempt(c), True)
