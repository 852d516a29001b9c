"""`python -m ppkm_lang` is the `ppkm` command."""

import sys

from ppkm_lang.cli.main import main

sys.exit(main())
