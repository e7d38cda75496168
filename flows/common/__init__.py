"""What every layer of flows shares: the settings (`settings`, the only reader of the
``KPI_*`` variables), the expected failures with their exit codes (`errors`) and the
languages the project speaks (`languages`). Imports nothing else of flows."""
