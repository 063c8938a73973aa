"""Entry point of the installed application (Briefcase runs `python -m proofpack`)."""
import sys

from ui.launcher import main

sys.exit(main())
