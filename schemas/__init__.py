"""Contracts at every dataset boundary.

- `contracts`: the input exports' columns, aliases, types and requiredness;
- one pandera model per input export (`agents`, `receptions`, …; `models.MODELS`) and
  per published result table (`kpi_agent_monthly`, `kpi_team_monthly`);
- `tables`: the warehouse's tables and views, the one place they are defined;
- `rules`: the published tables' data-quality rules, each declared once (the models'
  checks and the quality gate's expectations come from it);
- `scheme`: the scheme file;
- `months`: how a month is written (``YYYY-MM``).

Importing the package itself is free: pandera is loaded only by the modules that need it.
"""
