"""`python -m api serve` (and every other `qa` command): the same as the `qa` script."""

import sys

from api.main import main

sys.exit(main())
