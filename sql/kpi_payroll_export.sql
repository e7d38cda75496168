CREATE TABLE IF NOT EXISTS kpi_payroll_export (
    -- kpi_payroll_export: the payroll files handed over. Grain: one row per payroll export; the first export of a month freezes its version, a later one reproduces that file.
    export_id TEXT NOT NULL, -- identifier of the export
    month_start DATE NOT NULL, -- the month exported
    version INTEGER NOT NULL, -- the month's version paid, frozen by its first export
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when it was made (UTC)
    file_name TEXT NOT NULL, -- the file written
    bonus_total NUMERIC(14, 2) NOT NULL, -- sum of the month's bonuses in the file
    adjustment_total NUMERIC(14, 2) NOT NULL, -- sum of the adjustments the file carries
    original_export_id TEXT, -- the month's first export, whose file this one reproduces; null for the first export
    PRIMARY KEY (export_id)
);
CREATE INDEX IF NOT EXISTS kpi_payroll_export_by_month ON kpi_payroll_export (month_start);
CREATE UNIQUE INDEX IF NOT EXISTS kpi_payroll_export_first ON kpi_payroll_export (month_start) WHERE original_export_id IS NULL;
