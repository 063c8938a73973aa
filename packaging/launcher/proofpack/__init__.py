"""Entry point of the installed application (Briefcase runs `python -m proofpack`)."""
