"""The mistakes real exports carry, by name, as `kpi generate --mistake KIND` writes them
into the last month of its range (`flows.generator.generate` writes them; docs/commands.md says
what each one is).

The names live apart from `flows.generator.generate` so that the command line checks ``--mistake``
before numpy and polars are imported.
"""

from __future__ import annotations

MISTAKES = (
    "split-export",  # the receptions split in two files, receptions and receptions_2
    "wrong-month",  # the month before's surveys file copied into the month's folder
    "hidden-sheet",  # purchases.xlsx: the month before on a hidden first sheet
    "mangled-ids",  # complaints.csv saved by Excel: customer IDs as 1.87E+10
    "missing-hire",  # an agent with records left out of the roster
    "truncated-store",  # one store's receptions end after the period's 10th day
    "footer-rows",  # a total row ends consultations; purchases.xlsx also a 制表 line
    "merged-cells",  # agents.xlsx with store and team cells merged over their rows
)
