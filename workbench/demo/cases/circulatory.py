"""MDC 05 demo cases: heart failure, NSTEMI with PCI, pacemaker, arrhythmia, syncope, chest pain, HTN."""
# ruff: noqa: E501  (clinical prose: template texts are wrapped by sentence, not by column)

from workbench.demo.template import Case, Dx, OpNote, Problem, Px

CASES = (
    Case(
        slug="chf-acute-on-chronic", drg="291", service="medicine", age=(72, 88), sex="*", los=4,
        disposition="06",
        complaint="Shortness of breath and leg swelling x 5 days.",
        hpi="{age} y/o {sex} with HFrEF (EF 25% on echo last year), HTN, DM2 who presents with progressive DOE, "
            "3-pillow orthopnea and PND. Gained 9 lb in 2 weeks, no clear precipitant. "
            "Denies chest pain, palpitations or syncope.",
        pmh=("Chronic systolic heart failure (HFrEF), ischemic, EF 25%", "HTN", "DM2 on metformin",
             "Hyperlipidemia"),
        meds=("Torsemide 40 mg daily", "Carvedilol 12.5 mg BID", "Sacubitril/valsartan 49/51 mg BID",
              "Metformin 1000 mg BID", "Atorvastatin 40 mg"),
        ros="Denies fever, cough, chest pain. No hemoptysis.",
        exam="BP 158/94, HR 98, RR 24, SpO2 89% RA -> 94% 2L NC.\nJVD to angle of jaw. Bibasilar crackles. "
             "S3 present. 3+ pitting edema to knees bilaterally.",
        data="BNP 2,140. Troponin 0.03 -> 0.03 (flat). Cr 1.1. Na 137. K 4.1. A1c 7.2%.\n"
             "CXR: cardiomegaly, pulmonary vascular congestion, small bilateral effusions. "
             "No focal consolidation.\nECG: sinus tachycardia, old Q waves inferiorly, no acute ST changes.",
        assessment=(
            "Acute on chronic systolic heart failure (HFrEF) exacerbation, due to hypertensive heart disease. IV furosemide 80 mg BID, strict I/O, daily weights, "
            "2 g Na diet. Continue GDMT.",
            "HTN - uncontrolled on arrival, likely volume related.",
            "DM2 - hold metformin while inpatient, SSI.",
            "Troponin flat: no evidence of acute coronary syndrome.",
        ),
        course="Diuresed with IV furosemide, net negative 6.2 L. O2 weaned to RA by day 3. Cr stable. "
               "Transitioned to torsemide 40 mg daily. Dietitian and HF nurse education on daily weights. "
               "Home health for HF monitoring.",
        dx=(
            Dx("I11.0", "Y", "Hypertensive heart disease with heart failure"),
            Dx("I50.23", "Y", "Acute on chronic systolic (congestive) heart failure, HFrEF, EF 25%"),
            Dx("E11.9", "Y", "Type 2 diabetes mellitus without complications (DM2)"),
            Dx("E78.5", "Y", "Hyperlipidemia"),
            Dx("Z79.84", "", "Long term (current) use of oral hypoglycemic drugs - metformin"),
        ),
        discharge_meds=("Torsemide 40 mg daily", "Carvedilol 12.5 mg BID", "Sacubitril/valsartan 49/51 mg BID",
                        "Metformin 1000 mg BID", "Atorvastatin 40 mg"),
        followup="HF clinic in 7 days with BMP. Daily weights; call for gain > 3 lb.",
        problems=(Problem("sequencing", "HTN with heart failure: I11.0 is sequenced first (ICD-10-CM guideline "
                                        "I.C.9.a.1), the type of heart failure I50.23 is the additional code."),),
        not_coded=("Troponin flat: no evidence of acute coronary syndrome.",),
    ),
    Case(
        slug="nstemi-pci", drg="322", service="cardiology", age=(52, 68), sex="M", los=3, disposition="01",
        complaint="Chest pressure x 6 hours.",
        hpi="{age} y/o {sex}, smoker, with HTN and hyperlipidemia, presents with substernal chest pressure radiating "
            "to the left arm since early morning, with diaphoresis. Troponin 0.42 -> 1.87.",
        pmh=("HTN", "Hyperlipidemia"),
        meds=("Lisinopril 10 mg daily", "Simvastatin 20 mg"),
        social="Smokes 1 ppd cigarettes x 30 years. Occasional beer. Works as a bus driver.",
        ros="Denies syncope, fever. No prior chest pain.",
        exam="BP 152/90, HR 88, RR 18, SpO2 97% RA.\nDiaphoretic on arrival. RRR, no murmur. Lungs clear. No edema.",
        data="Troponin I 0.42 -> 1.87 -> 3.10. LDL 164. Cr 0.9.\nECG: 1-2 mm ST depression V4-V6, no ST elevation.\n"
             "TTE: EF 50%, mild inferolateral hypokinesis.",
        assessment=(
            "NSTEMI - ASA, ticagrelor load, heparin gtt, high-intensity statin. Cath in AM.",
            "HTN, hyperlipidemia - continue ACEi, switch to atorvastatin 80.",
            "Nicotine dependence, cigarettes - counseled, nicotine patch.",
        ),
        px=(Px("4A023N7", 1, "Left heart catheterization"),
            Px("B2111ZZ", 1, "Coronary angiography of multiple coronary arteries"),
            Px("027034Z", 1, "PCI of the proximal LAD with one drug-eluting stent")),
        op=OpNote(day=1, surgeon="cardiology", pre="NSTEMI", post="NSTEMI; single-vessel CAD of the LAD",
                  procedure="Left heart catheterization, coronary angiography of multiple coronary arteries, "
                            "PCI of the proximal LAD with one drug-eluting stent.",
                  anesthesia="Moderate sedation",
                  findings="LM normal. Proximal LAD 95% culprit stenosis. LCx and RCA with mild "
                           "nonobstructive disease. LVEDP 18.",
                  description="Right radial access. Selective coronary angiography. The proximal LAD lesion was "
                              "predilated and a 3.0 x 18 mm drug-eluting stent was deployed with 0% residual "
                              "stenosis and TIMI 3 flow. TR band applied."),
        course="Cath on day 2 with DES to proximal LAD. No arrhythmias on telemetry. Ambulating without symptoms. "
               "Cardiac rehab referral.",
        dx=(
            Dx("I21.4", "Y", "NSTEMI (non-ST elevation myocardial infarction)"),
            Dx("I25.10", "Y", "Atherosclerotic heart disease of native coronary artery (CAD), single vessel LAD"),
            Dx("I10", "Y", "Essential hypertension (HTN)"),
            Dx("E78.5", "Y", "Hyperlipidemia"),
            Dx("F17.210", "Y", "Nicotine dependence, cigarettes"),
        ),
        discharge_meds=("Aspirin 81 mg daily", "Ticagrelor 90 mg BID x 12 months", "Atorvastatin 80 mg",
                        "Metoprolol succinate 25 mg", "Lisinopril 10 mg", "Nicotine patch 21 mg"),
        followup="Cardiology in 2 weeks; cardiac rehab.",
    ),
    Case(
        slug="complete-heart-block-pacemaker", drg="244", service="cardiology", age=(74, 90), sex="*", los=2,
        disposition="01",
        complaint="Dizziness and near-syncope.",
        hpi="{age} y/o {sex} with HTN had 3 episodes of lightheadedness this week, one near-syncope at church. "
            "HR 36 in the ED. Not on beta blockers or AV nodal agents.",
        pmh=("HTN",), meds=("Amlodipine 5 mg daily",),
        ros="Denies chest pain. No loss of consciousness.",
        exam="BP 108/60, HR 36, RR 16, SpO2 96% RA.\nBradycardic, regular. Cannon A waves. Lungs clear.",
        data="ECG: complete heart block (third-degree AV block), junctional escape 36 bpm. K 4.3. TSH normal. "
             "Troponin negative.",
        assessment=("Complete heart block, symptomatic - transcutaneous pads, cardiology for pacemaker.",
                    "HTN - hold amlodipine."),
        px=(Px("0JH606Z", 1, "Dual-chamber permanent pacemaker generator placed in a left chest pocket"),
            Px("02H63JZ", 1, "Right atrial pacing lead"),
            Px("02HK3JZ", 1, "Right ventricular pacing lead")),
        op=OpNote(day=1, surgeon="cardiology", pre="Complete heart block", post="Complete heart block",
                  procedure="Dual-chamber permanent pacemaker implantation.", anesthesia="Local with moderate sedation",
                  findings="Stable lead thresholds; RA 0.8 V, RV 0.6 V at 0.4 ms.",
                  description="Left cephalic venous access. Right ventricular pacing lead positioned at the RV "
                              "septum; right atrial pacing lead in the RA appendage. Dual-chamber permanent "
                              "pacemaker generator placed in a left chest pocket. Layered closure."),
        course="Dual-chamber pacemaker placed on day 2. CXR without pneumothorax. Device check normal.",
        dx=(Dx("I44.2", "Y", "Complete heart block (atrioventricular block, complete)"),
            Dx("I10", "Y", "Essential hypertension")),
        followup="Device clinic in 10 days for wound check.",
    ),
    Case(
        slug="afib-rvr", drg="310", service="medicine", age=(66, 82), sex="F", los=2, disposition="01",
        complaint="Palpitations.",
        hpi="{age} y/o {sex} with hypothyroidism and HTN, palpitations since last evening. HR 148 irregular. "
            "First episode 2 months ago self-terminated; started on apixaban then.",
        pmh=("Paroxysmal atrial fibrillation", "Hypothyroidism", "HTN"),
        meds=("Apixaban 5 mg BID", "Levothyroxine 75 mcg", "Losartan 50 mg"),
        ros="Denies chest pain, dyspnea at rest, focal weakness.",
        exam="BP 134/82, HR 148, RR 18, SpO2 97% RA.\nIrregularly irregular. Lungs clear. No edema.",
        data="ECG: atrial fibrillation with RVR. TSH 2.1. Troponin negative x2. TTE: normal EF, mild LAE.",
        assessment=("Paroxysmal AF with RVR - diltiazem, continue apixaban (CHA2DS2-VASc 3).",
                    "Hypothyroidism - TSH normal, continue levothyroxine.", "HTN - continue losartan."),
        course="Rate controlled on diltiazem, spontaneously converted to sinus rhythm on day 2. No evidence of "
               "heart failure. Discharged on diltiazem ER.",
        dx=(Dx("I48.0", "Y", "Paroxysmal atrial fibrillation with RVR"),
            Dx("E03.9", "Y", "Hypothyroidism"),
            Dx("I10", "Y", "Essential hypertension"),
            Dx("Z79.01", "", "Long-term (current) use of anticoagulants - apixaban")),
        not_coded=("No evidence of heart failure.",),
    ),
    Case(
        slug="syncope-orthostatic", drg="312", service="medicine", age=(78, 92), sex="M", los=2, disposition="01",
        complaint="Passed out at home.",
        hpi="{age} y/o {sex} with BPH on tamsulosin, stood up from the toilet at night and lost consciousness "
            "briefly. No tongue biting or incontinence. Wife witnessed; back to baseline in seconds.",
        pmh=("BPH",), meds=("Tamsulosin 0.4 mg qHS",),
        ros="Denies chest pain, palpitations. No head strike.",
        exam="BP 128/74 supine -> 96/58 standing, HR 72 -> 94.\nNo focal deficits. Heart RRR.",
        data="Orthostatic vitals positive. ECG NSR. Troponin negative. Telemetry 48 h: no arrhythmia. "
             "TTE normal. CT head negative.",
        assessment=("Syncope, likely orthostatic hypotension from tamsulosin and poor PO intake - IVF, "
                    "hold tamsulosin, telemetry.", "BPH without LUTS currently."),
        course="Telemetry without arrhythmia; arrhythmia ruled out. Orthostatics resolved with fluids. Tamsulosin "
               "changed to bedtime dose with fall precautions.",
        dx=(Dx("I95.1", "Y", "Syncope due to orthostatic hypotension"),
            Dx("N40.0", "Y", "Benign prostatic hyperplasia (BPH) without lower urinary tract symptoms")),
        not_coded=("Telemetry without arrhythmia; arrhythmia ruled out.",),
    ),
    Case(
        slug="chest-pain-mi-ruled-out", drg="313", service="medicine", age=(45, 60), sex="*", los=1,
        disposition="01",
        complaint="Chest pain.",
        hpi="{age} y/o {sex} with hyperlipidemia and GERD, burning substernal chest pain after a large meal, "
            "worse lying flat. Denies exertional component, diaphoresis or radiation.",
        pmh=("Hyperlipidemia", "GERD"), meds=("Rosuvastatin 10 mg", "Omeprazole 20 mg PRN"),
        exam="Chest wall nontender. RRR. Lungs clear.",
        data="Troponin <0.01 x3. ECG: NSR, no ischemic changes. CXR clear. Stress echo: no inducible ischemia.",
        assessment=("Chest pain, atypical - serial troponins, stress test. Possible GERD component.",
                    "Hyperlipidemia.", "GERD - restart omeprazole daily."),
        course="NSTEMI ruled out with serial troponins. Stress echo negative for ischemia. Pain resolved with "
               "PPI. Likely GERD-related chest pain.",
        dx=(Dx("R07.89", "Y", "Atypical chest pain, other chest pain"),
            Dx("E78.5", "Y", "Hyperlipidemia"),
            Dx("K21.9", "Y", "GERD (gastro-esophageal reflux disease) without esophagitis")),
        problems=(Problem("sequencing", "'Likely GERD-related' is uncertain but GERD is already a coded chronic "
                                        "condition; the symptom code R07.89 stays principal as the chest pain "
                                        "was not definitively attributed."),),
        not_coded=("NSTEMI ruled out with serial troponins.",),
    ),
    Case(
        slug="hypertensive-urgency", drg="305", service="medicine", age=(48, 64), sex="F", los=1,
        disposition="01",
        complaint="Headache, BP 220/118 at clinic.",
        hpi="{age} y/o {sex} with HTN stopped her amlodipine 3 weeks ago because of cost. Occipital "
            "headache. Denies vision change, chest pain, focal weakness.",
        pmh=("HTN",), meds=("Amlodipine 10 mg (not taking)",),
        exam="BP 218/116, HR 84.\nFundi without papilledema. Neuro nonfocal.",
        data="Cr 0.8, UA without protein. Troponin negative. CT head negative for hemorrhage.",
        assessment=("Hypertensive urgency, no end-organ damage. Restart home antihypertensives, oral labetalol.",),
        course="BP down to 152/88 on oral agents. No evidence of hypertensive emergency or end-organ damage. "
               "Social work enrolled patient in a medication assistance program.",
        dx=(Dx("I16.0", "Y", "Hypertensive urgency"),
            Dx("T46.1X6A", "Y", "Underdosing of calcium-channel blocker (amlodipine), initial encounter"),
            Dx("Z91.120", "", "Intentional underdosing of medication regimen due to financial hardship")),
        problems=(Problem("sequencing", "Underdosing: the hypertensive urgency is principal, the underdosing "
                                        "code and the Z91.12- reason follow (guideline I.C.19.e.5.c)."),),
        not_coded=("No evidence of hypertensive emergency or end-organ damage.",),
    ),
)
