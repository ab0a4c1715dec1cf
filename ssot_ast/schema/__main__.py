"""`python3 -m ssot_ast.schema validate|dump SCHEMA`."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
