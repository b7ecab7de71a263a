"""MDC 04 demo cases: pneumonia, COPD, respiratory failure, PE, aspiration, COVID-19, asthma."""
# ruff: noqa: E501  (clinical prose: template texts are wrapped by sentence, not by column)

from workbench.demo.template import Case, Dx, Problem, Px

CASES = (
    Case(
        slug="pneumonia-hyponatremia", drg="194", service="medicine", age=(62, 80), sex="M", los=4, disposition="01",
        complaint="Cough, fever x 3 days.",
        hpi="{age} y/o {sex} with COPD and HTN with productive cough, fever to 102.1 F, right-sided pleuritic pain. "
            "Denies hemoptysis, recent travel or sick contacts.",
        pmh=("COPD, on tiotropium, no home O2", "HTN"), meds=("Tiotropium inhaler daily", "Amlodipine 5 mg"),
        social="Former smoker, quit 2012. Lives with wife.",
        exam="T 38.6 C, HR 104, BP 128/76, RR 22, SpO2 93% RA.\nRight basilar crackles and egophony.",
        data="WBC 15.8. Na 127 (baseline 138). Lactate 1.4. Procalcitonin 2.1.\nCXR: RLL consolidation. "
             "Blood cultures no growth. Strep/Legionella urine antigens negative.",
        assessment=("CAP, RLL pneumonia - ceftriaxone + azithromycin. Does not meet sepsis criteria.",
                    "Hyponatremia, likely hypovolemic - NS, trend BMP q8h.",
                    "COPD, stable, no exacerbation - continue tiotropium.", "HTN."),
        course="Afebrile by day 2. Na corrected to 134 with IV fluids. Switched to oral cefpodoxime. "
               "Sepsis ruled out.",
        dx=(Dx("J18.9", "Y", "Community-acquired pneumonia, right lower lobe (RLL pneumonia), organism unspecified"),
            Dx("E87.1", "Y", "Hyponatremia, hypovolemic"),
            Dx("J44.0", "Y", "COPD (chronic obstructive pulmonary disease), stable"),  # with the pneumonia: J44.0 (Tabular: code also the infection)
            Dx("I10", "Y", "Essential hypertension (HTN)"),
            Dx("Z87.891", "", "Former smoker, quit 2012")),
        not_coded=("Does not meet sepsis criteria.", "Sepsis ruled out."),
    ),
    Case(
        slug="pneumonia-short-stay-snf", drg="194", service="medicine", age=(84, 94), sex="F", los=2,
        disposition="03",
        complaint="Cough and increased confusion per nursing home staff.",
        hpi="{age} y/o {sex} from assisted living with dementia, HTN, productive cough x 2 days and low-grade fever. "
            "Family reports she is at her baseline mental status now; denies choking with meals.",
        pmh=("Dementia (Alzheimer type per neurology)", "HTN"), meds=("Donepezil 10 mg", "Lisinopril 10 mg"),
        exam="T 38.1 C, HR 92, BP 138/70, RR 20, SpO2 94% RA.\nLeft basilar crackles. Oriented to self only "
             "(baseline).",
        data="WBC 12.9. Na 129. CXR: LLL infiltrate. Speech therapy swallow eval: no aspiration.",
        assessment=("LLL pneumonia - ceftriaxone/azithro.", "Hyponatremia - gentle IVF.",
                    "Alzheimer's dementia, at baseline. No delirium.", "HTN."),
        course="Improved quickly on antibiotics; Na 133. Aspiration pneumonia ruled out by swallow study. "
               "PT recommends short-term rehab; discharged to SNF on hospital day 3 to complete oral antibiotics.",
        dx=(Dx("J18.9", "Y", "Left lower lobe pneumonia (LLL pneumonia)"),
            Dx("E87.1", "Y", "Hyponatremia"),
            Dx("G30.9", "Y", "Alzheimer's disease, unspecified"),
            Dx("F02.80", "Y", "Dementia in Alzheimer's disease without behavioral disturbance"),
            Dx("I10", "Y", "Essential hypertension")),
        problems=(Problem("transfer", "Short stay (2 days) discharged to SNF: DRG 194 is a post-acute transfer DRG, "
                                 "so the payment is reduced to the per diem."),),
        not_coded=("Aspiration pneumonia ruled out by swallow study.",),
    ),
    Case(
        slug="copd-exacerbation", drg="192", service="medicine", age=(58, 74), sex="F", los=3, disposition="01",
        complaint="Wheezing and dyspnea.",
        hpi="{age} y/o {sex} with COPD (FEV1 48%) and HTN with 4 days of worsening wheeze and sputum after a viral URI. "
            "Denies fever, chest pain, leg swelling.",
        pmh=("COPD", "HTN"), meds=("Budesonide/formoterol inhaler", "Albuterol PRN", "Losartan 50 mg"),
        social="Smokes 1/2 ppd cigarettes. Lives alone.",
        exam="BP 142/84, HR 96, RR 22, SpO2 91% RA.\nDiffuse expiratory wheeze, prolonged expiration.",
        data="VBG pH 7.38, pCO2 46. CXR hyperinflation, no infiltrate. BNP 40.",
        assessment=("COPD exacerbation - nebs, prednisone 40 mg x 5 d, doxycycline.",
                    "Nicotine dependence - counseled.", "HTN."),
        course="Wheeze resolved, SpO2 95% RA on day 3. No evidence of pneumonia. No acute respiratory failure.",
        dx=(Dx("J44.1", "Y", "COPD with acute exacerbation"),
            Dx("F17.210", "Y", "Nicotine dependence, cigarettes"),
            Dx("I10", "Y", "Essential hypertension")),
        not_coded=("No evidence of pneumonia.", "No acute respiratory failure."),
    ),
    Case(
        slug="acute-respiratory-failure-copd", drg="189", service="pulmonary", age=(64, 78), sex="M", los=4,
        disposition="06",
        complaint="Severe shortness of breath.",
        hpi="{age} y/o {sex} with severe COPD on 2 L home O2 brought by EMS in respiratory distress, "
            "SpO2 78% on 2 L, speaking 2-word sentences.",
        pmh=("COPD on 2 L home oxygen",), meds=("Tiotropium", "Albuterol PRN", "Home O2 2 L"),
        social="Former smoker, 50 pack-years, quit 2019.",
        exam="BP 150/92, HR 112, RR 32, SpO2 78% on 2 L.\nAccessory muscle use, diffuse wheeze.",
        data="ABG 7.29 / pCO2 68 / pO2 52. CXR: hyperinflation, no consolidation.",
        assessment=("Acute on chronic hypoxic and hypercapnic respiratory failure due to COPD exacerbation - BiPAP, "
                    "nebs, IV methylprednisolone. ICU.",),
        progress=((1, "S: Less dyspneic on BiPAP.\nO: RR 22, ABG 7.36/54/70.\nA/P: Acute on chronic hypoxic and "
                      "hypercapnic respiratory failure improving; wean BiPAP. COPD exacerbation on steroids."),),
        px=(Px("5A09357", 0, "BiPAP (noninvasive positive pressure ventilation), less than 24 hours"),),
        course="BiPAP x 20 hours, then back to baseline 2 L NC. Steroid taper. Home health for O2 and COPD education.",
        dx=(Dx("J96.21", "Y", "Acute on chronic respiratory failure with hypoxia"),
            Dx("J96.22", "Y", "Acute on chronic respiratory failure with hypercapnia"),
            Dx("J44.1", "Y", "COPD with acute exacerbation"),
            Dx("Z99.81", "", "Dependence on supplemental oxygen (home O2 2 L)"),
            Dx("Z87.891", "", "Former smoker, quit 2019")),
        problems=(Problem("sequencing", "Acute respiratory failure and COPD exacerbation both POA and both treated: "
                                        "respiratory failure may be sequenced first (guideline I.C.10.b.1); "
                                        "with J44.1 first the stay groups to 190 instead of 189."),),
    ),
    Case(
        slug="pulmonary-embolism-dvt", drg="176", service="medicine", age=(40, 62), sex="F", los=3, disposition="01",
        complaint="Pleuritic chest pain and dyspnea.",
        hpi="{age} y/o {sex} with obesity, 10 days after a long car trip, right calf swelling and sudden pleuritic chest "
            "pain. Denies hemoptysis.",
        pmh=("Obesity",), meds=("Oral contraceptive",),
        exam="BP 124/80, HR 108, RR 22, SpO2 92% RA.\nRight calf 3 cm larger than left, tender.",
        data="CTA chest: segmental PE RLL, RV/LV ratio 0.8, no RV strain. Duplex: acute DVT of the right femoral vein. "
             "Troponin negative. BMI 33.",
        assessment=("Acute PE without acute cor pulmonale - heparin gtt, then apixaban.",
                    "Acute DVT right femoral vein.", "Obesity, BMI 33 - counseled."),
        course="Transitioned to apixaban. OCP stopped. No RV strain; acute cor pulmonale ruled out.",
        dx=(Dx("I26.99", "Y", "Acute pulmonary embolism (PE) without acute cor pulmonale"),
            Dx("I82.411", "Y", "Acute DVT (embolism and thrombosis) of right femoral vein"),
            Dx("E66.9", "Y", "Obesity"),
            Dx("Z68.33", "", "BMI 33.0-33.9, adult")),
        not_coded=("No RV strain; acute cor pulmonale ruled out.",),
    ),
    Case(
        slug="aspiration-pneumonia", drg="179", service="medicine", age=(84, 95), sex="F", los=4, disposition="03",
        complaint="Fever and cough after choking episode.",
        hpi="{age} y/o {sex} with advanced dementia and oropharyngeal dysphagia, coughing and choking at dinner, "
            "fever overnight.",
        pmh=("Dementia", "Oropharyngeal dysphagia on mechanical soft diet"), meds=("Memantine 10 mg BID",),
        exam="T 38.4 C, HR 100, BP 118/64, RR 22, SpO2 92% RA.\nRight lower lobe rhonchi.",
        data="WBC 14.1. CXR: RLL opacity. Video swallow: aspiration of thin liquids.",
        assessment=("Aspiration pneumonia - ampicillin/sulbactam, SLP.", "Oropharyngeal dysphagia.",
                    "Dementia without behavioral disturbance."),
        course="Completed IV antibiotics, diet changed to pureed with nectar-thick liquids. Returned to SNF.",
        dx=(Dx("J69.0", "Y", "Aspiration pneumonia (pneumonitis due to inhalation of food)"),
            Dx("R13.12", "Y", "Dysphagia, oropharyngeal phase"),
            Dx("F03.90", "Y", "Dementia, without behavioral disturbance")),
    ),
    Case(
        slug="covid-pneumonia-respiratory-failure", drg="177", service="medicine", age=(66, 82), sex="M", los=6,
        disposition="01",
        complaint="Fever, cough, dyspnea.",
        hpi="{age} y/o {sex}, unvaccinated, 6 days of fever, dry cough and dyspnea; home COVID test positive.",
        exam="T 38.9 C, HR 102, BP 132/78, RR 26, SpO2 86% RA.\nBilateral crackles.",
        data="SARS-CoV-2 PCR positive. CXR: bilateral patchy opacities. CRP 112.",
        assessment=("COVID-19 pneumonia with acute hypoxic respiratory failure - HFNC, dexamethasone, remdesivir.",),
        course="Weaned from high-flow nasal cannula to RA by day 6. Completed remdesivir.",
        dx=(Dx("U07.1", "Y", "COVID-19"),
            Dx("J12.82", "Y", "Pneumonia due to COVID-19 (coronavirus disease 2019)"),
            Dx("J96.01", "Y", "Acute respiratory failure with hypoxia")),
    ),
    Case(
        slug="asthma-exacerbation", drg="203", service="medicine", age=(22, 40), sex="F", los=2, disposition="01",
        complaint="Asthma attack.",
        hpi="{age} y/o {sex} with severe persistent asthma, wheezing after exposure to smoke, not improved with "
            "albuterol q1h at home. No intubations in the past.",
        pmh=("Severe persistent asthma",), meds=("Fluticasone/salmeterol", "Albuterol PRN", "Montelukast"),
        exam="BP 126/78, HR 110, RR 24, SpO2 93% RA.\nDiffuse wheeze, peak flow 45% predicted.",
        data="CXR: no infiltrate, no pneumothorax.",
        assessment=("Severe persistent asthma with acute exacerbation - nebs, prednisone, magnesium.",),
        course="Peak flow 80% by day 2. No status asthmaticus. Discharged on prednisone burst.",
        dx=(Dx("J45.51", "Y", "Severe persistent asthma with acute exacerbation"),),
        not_coded=("No status asthmaticus.",),
    ),
)
