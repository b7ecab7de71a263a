"""MDC 01, 02 and 03 demo cases: stroke, TIA, seizure, subdural hematoma, orbital cellulitis, epistaxis."""
# ruff: noqa: E501  (clinical prose: template texts are wrapped by sentence, not by column)

from workbench.demo.template import Case, Dx, Problem, Px

CASES = (
    Case(
        slug="ischemic-stroke-tpa", drg="062", service="neurology", age=(66, 84), sex="F", los=4, disposition="62",
        complaint="Right-sided weakness and trouble speaking.",
        hpi="{age} y/o {sex} with AF (not anticoagulated, declined) and HTN, last known well 07:10, found by husband "
            "at 08:00 with right face/arm weakness and word-finding difficulty. NIHSS 9.",
        pmh=("Atrial fibrillation", "HTN"), meds=("Metoprolol tartrate 25 mg BID", "Amlodipine 5 mg"),
        exam="BP 176/94, HR 88 irregular.\nExpressive aphasia. Right facial droop. RUE 2/5, RLE 3/5.",
        data="CT head: no hemorrhage. CTA: left M2 occlusion, not amenable to thrombectomy. MRI: acute left MCA "
             "territory infarct. LDL 131. A1c 5.6.",
        assessment=("Acute ischemic stroke, left MCA territory - IV alteplase (tPA) given at 08:52.",
                    "Right hemiparesis and aphasia from the stroke.", "AF - start apixaban day 3 after repeat CT.",
                    "HTN - permissive then controlled."),
        px=(Px("3E03317", 0, "IV alteplase (tPA) thrombolytic via peripheral vein"),),
        course="Received tPA in the ED. No hemorrhagic conversion on 24 h CT. Aphasia improving. Right dominant "
               "side hemiparesis persists (RUE 3/5). Started apixaban. Accepted to inpatient rehab.",
        dx=(Dx("I63.512", "Y", "Acute ischemic stroke: cerebral infarction due to occlusion of left middle cerebral "
                               "artery (MCA)"),
            Dx("G81.91", "Y", "Right hemiplegia/hemiparesis affecting right dominant side"),
            Dx("R47.01", "Y", "Aphasia"),
            Dx("I48.91", "Y", "Atrial fibrillation (AF)"),
            Dx("I10", "Y", "Essential hypertension (HTN)")),
        not_coded=("No hemorrhagic conversion on 24 h CT.",),
    ),
    Case(
        slug="stroke-hospital-acquired-pressure-ulcer", drg="065", service="neurology", age=(80, 92), sex="M",
        los=9, disposition="03",
        complaint="Found down, right-sided weakness.",
        hpi="{age} y/o {sex} with DM2 and AF off anticoagulation after a GI bleed, found on the floor this morning "
            "with right arm and leg weakness. Outside the tPA window. Skin intact on admission skin check.",
        pmh=("DM2", "Atrial fibrillation"), meds=("Metformin 500 mg BID", "Diltiazem ER 180 mg"),
        exam="BP 168/90, HR 96 irregular.\nRight dense hemiplegia (dominant side), dysarthria. Sacrum intact.",
        data="MRI: acute embolic infarct of the left MCA territory. CTA: left MCA branch embolus. A1c 7.4.",
        assessment=("Acute cerebral infarction due to embolism of the left middle cerebral artery, cardioembolic "
                    "from AF.", "Right hemiplegia.", "DM2.", "AF - restart anticoagulation after GI consult."),
        progress=((6, "Wound care RN consult: new sacral wound. Physician exam: Stage 3 pressure ulcer of the sacral "
                      "region, hospital acquired, not present on admission (admission skin check intact). "
                      "Air mattress, turning q2h, foam dressing."),),
        course="Embolic left MCA stroke outside tPA window; started apixaban on day 5. Right dominant hemiplegia "
               "persists. Course complicated by stage 3 sacral pressure ulcer on day 7. Discharged to SNF.",
        dx=(Dx("I63.412", "Y", "Acute cerebral infarction due to embolism of left middle cerebral artery"),
            Dx("G81.91", "Y", "Right hemiplegia affecting right dominant side"),
            Dx("L89.153", "N", "Stage 3 pressure ulcer of the sacral region", listed=False),
            Dx("I48.91", "Y", "Atrial fibrillation"),
            Dx("E11.9", "Y", "Type 2 diabetes mellitus (DM2) without complications")),
        problems=(Problem("hac", "Stage 3 pressure ulcer not present on admission (POA N): HAC 04, its MCC does "
                                 "not count, so the stay groups to 065 (CC from hemiplegia) and not 064."),
                  Problem("missable_cc", "The pressure ulcer is documented only in the day-7 progress note.")),
    ),
    Case(
        slug="tia", drg="069", service="neurology", age=(58, 76), sex="*", los=2, disposition="01",
        complaint="Transient left arm numbness.",
        hpi="{age} y/o {sex} with hyperlipidemia, 20 minutes of left arm numbness and clumsiness, fully resolved "
            "in the ED.",
        pmh=("Hyperlipidemia",), meds=("Pravastatin 20 mg",),
        exam="Neuro exam normal. NIHSS 0.",
        data="MRI brain: no acute infarct. Carotid duplex: <50% stenosis bilaterally. Telemetry: NSR.",
        assessment=("TIA - ASA/clopidogrel x 21 days, high-intensity statin.", "Hyperlipidemia."),
        course="MRI negative for stroke; stroke ruled out. No atrial fibrillation on telemetry.",
        dx=(Dx("G45.9", "Y", "Transient ischemic attack (TIA)"),
            Dx("E78.5", "Y", "Hyperlipidemia")),
        not_coded=("MRI negative for stroke; stroke ruled out.", "No atrial fibrillation on telemetry."),
    ),
    Case(
        slug="seizure-hyponatremia", drg="101", service="neurology", age=(30, 55), sex="M", los=2, disposition="01",
        complaint="Seizure.",
        hpi="{age} y/o {sex} with epilepsy on levetiracetam had a generalized tonic-clonic seizure at work. Drinking "
            "large amounts of water for a 'cleanse'. Denies alcohol.",
        pmh=("Epilepsy",), meds=("Levetiracetam 1000 mg BID",),
        exam="Postictal on arrival, now oriented x3. Tongue laceration, small. Neuro nonfocal.",
        data="Na 124. Levetiracetam level therapeutic. CT head negative. EEG: no epileptiform discharges.",
        assessment=("Breakthrough seizure, epilepsy not intractable, provoked by hyponatremia.",
                    "Hyponatremia from water intoxication - fluid restriction."),
        course="No further seizures; no status epilepticus. Na 134 at discharge.",
        dx=(Dx("G40.909", "Y", "Epilepsy, not intractable, without status epilepticus"),
            Dx("E87.1", "Y", "Hyponatremia")),
        not_coded=("No further seizures; no status epilepticus.",),
    ),
    Case(
        slug="subdural-hematoma-fall", drg="087", service="neurology", age=(76, 90), sex="M", los=3,
        disposition="03",
        complaint="Fall with head strike.",
        hpi="{age} y/o {sex} on apixaban for AF tripped on a rug at home and struck his head. No loss of "
            "consciousness. Mild headache.",
        pmh=("Atrial fibrillation",), meds=("Apixaban 5 mg BID",),
        exam="GCS 15. Small occipital hematoma. Neuro nonfocal.",
        data="CT head: 6 mm acute left subdural hematoma, no midline shift. Repeat CT at 12 h stable.",
        assessment=("Traumatic acute subdural hematoma, no LOC - hold apixaban, reverse with andexanet, "
                    "neurosurgery: nonoperative.", "AF on long-term anticoagulation."),
        course="Repeat CT stable. Neurosurgery signed off. Apixaban held x 4 weeks. PT: SNF for gait training.",
        dx=(Dx("S06.5X0A", "Y", "Traumatic subdural hemorrhage (hematoma) without loss of consciousness"),
            Dx("I48.91", "Y", "Atrial fibrillation"),
            Dx("Z79.01", "", "Long-term (current) use of anticoagulants (apixaban)"),
            Dx("W01.0XXA", "Y", "Fall on same level from tripping on a rug at home"),
            Dx("Y92.009", "", "Place of occurrence: home (private residence)")),
    ),
    Case(
        slug="orbital-cellulitis-child", drg="122", service="ophthalmology", age=(6, 12), sex="M", los=3,
        disposition="01",
        complaint="Left eye swelling and pain.",
        hpi="{age} y/o {sex} with 1 week of URI symptoms, now left eyelid swelling, pain with eye movement and fever.",
        exam="T 38.7 C, HR 110.\nLeft periorbital edema, proptosis, painful EOM. Visual acuity 20/25.",
        data="CT orbits: left orbital cellulitis with left maxillary sinusitis. No subperiosteal abscess.",
        assessment=("Orbital cellulitis, left - IV ampicillin/sulbactam + vancomycin, ophthalmology, ENT.",
                    "Acute maxillary sinusitis."),
        course="Improved on IV antibiotics, no abscess on imaging. Discharged on amoxicillin/clavulanate.",
        dx=(Dx("H05.012", "Y", "Orbital cellulitis of left orbit"),
            Dx("J01.00", "Y", "Acute maxillary sinusitis")),
        not_coded=("No subperiosteal abscess.",),
    ),
    Case(
        slug="epistaxis-anticoagulated", drg="151", service="ent", age=(68, 84), sex="M", los=2, disposition="01",
        complaint="Nosebleed for 3 hours.",
        hpi="{age} y/o {sex} on apixaban for AF with posterior nosebleed not controlled with pressure.",
        pmh=("Atrial fibrillation",), meds=("Apixaban 5 mg BID",),
        exam="Active posterior epistaxis, right. BP 150/80, HR 92 irregular.",
        data="Hgb 13.9 on arrival -> 10.4 the next morning. INR 1.3.",
        assessment=("Posterior epistaxis - posterior balloon pack, hold apixaban.", "AF."),
        progress=((1, "Bleeding controlled with packing. Hgb 13.9 -> 10.4: acute blood loss anemia; "
                      "no transfusion needed, iron started."),),
        course="Pack removed day 2 without rebleeding. Apixaban resumed.",
        dx=(Dx("R04.0", "Y", "Posterior epistaxis"),
            Dx("D62", "Y", "acute blood loss anemia", listed=False),
            Dx("I48.91", "Y", "Atrial fibrillation"),
            Dx("Z79.01", "", "Long-term use of anticoagulants (apixaban)")),
        problems=(Problem("missable_cc", "Acute blood loss anemia (CC) appears only in the day-2 progress note, "
                                         "not in the discharge summary."),),
    ),
)
