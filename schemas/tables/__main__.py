"""python -m schemas.tables: regenerate sql/ and the docs' tables."""

from pathlib import Path

from schemas.tables.statements import write_generated

for path in write_generated(Path(__file__).resolve().parent.parent.parent):
    print(path)
