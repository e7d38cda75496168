"""What people read: the console summaries (`console`), the report site (`site`), a
score's explanation (`explain`), spreadsheets (`sheets`), the rejects file (`rejects`)
and the message catalogues (`messages`). They read the warehouse, never write it."""
