"""What people read: the console summaries (`console`; `console_explain` for `kpi explain`,
`console_status` for status, payroll, locks and `kpi db`), the report site (`site`), a
score's explanation (`explain`), spreadsheets (`sheets`), the rejects file (`rejects`)
and the message catalogues (`messages`). They read the warehouse (`flows.storage.reads`),
never write it (an import-linter contract)."""
