"""`python -m flows.cli`: the `kpi` command."""

import sys

from flows.cli import main

sys.exit(main())
