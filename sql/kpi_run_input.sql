CREATE TABLE IF NOT EXISTS kpi_run_input (
    -- kpi_run_input: lineage of a run's input files. Grain: one row per (run_id, source file).
    run_id TEXT NOT NULL, -- the run that read the file
    month_start DATE NOT NULL, -- the month run
    source TEXT NOT NULL, -- agents, receptions, surveys, complaints, purchases, consultations or appeals
    file_name TEXT NOT NULL, -- the file's name in the month folder
    file_sha256 TEXT NOT NULL, -- SHA-256 of the file's bytes
    encoding TEXT NOT NULL, -- utf-8, utf-8-sig, gb18030, xlsx or xls
    sheet TEXT, -- the spreadsheet's sheet read (its first visible one); null for CSV
    rows_skipped INTEGER, -- footer rows skipped (合计, 总计, 小计, 制表 ...): not data, not rows read; null for runs before they were counted
    rows_read INTEGER NOT NULL, -- data rows read (blank rows are not rows)
    rows_accepted INTEGER NOT NULL, -- rows used in the calculation
    rows_rejected INTEGER NOT NULL, -- rows quarantined (see kpi_rejected_row)
    rows_duplicate INTEGER NOT NULL, -- exact duplicates collapsed
    rows_out_of_period INTEGER NOT NULL, -- rows of another month; rows_read = the four counts added up
    PRIMARY KEY (run_id, source)
);
