"""A month as operators write it (CLI, deployment parameters, the appeals' month column),
here so that both the appeals' model and `transforms.months` (which parses it) take it
from one place; no polars, so the command line checks a month before any heavy import."""

MONTH_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
