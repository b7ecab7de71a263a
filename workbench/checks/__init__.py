"""Coding checks: classification conventions, claim rules, demographic and MCE findings."""
