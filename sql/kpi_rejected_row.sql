CREATE TABLE IF NOT EXISTS kpi_rejected_row (
    -- kpi_rejected_row: the quarantine. Grain: one row per rejected input row and run.
    run_id TEXT NOT NULL, -- the run that rejected the row
    month_start DATE NOT NULL, -- the month run
    source TEXT NOT NULL, -- the export the row came from
    file_name TEXT NOT NULL, -- the file's name in the month folder
    row_number INTEGER NOT NULL, -- 1-based position among the file's data rows
    source_line INTEGER, -- where the clerk finds the row: the CSV line or the spreadsheet row number, counting title and header lines; null for runs before it was recorded
    record_id TEXT, -- the row's id as read; null when missing
    reasons TEXT NOT NULL, -- reason codes joined with ';' in the order of the input contract
    raw TEXT NOT NULL, -- the row's contract columns as read, JSON
    PRIMARY KEY (run_id, source, row_number)
);
