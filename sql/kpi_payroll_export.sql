-- kpi_payroll_export: the payroll files handed over. Grain: one row per payroll export, the first export of each month (exporting a month again reproduces its file).
CREATE TABLE IF NOT EXISTS kpi_payroll_export (
    export_id TEXT NOT NULL PRIMARY KEY, -- identifier of the export
    month_start DATE NOT NULL, -- the month exported
    version INTEGER NOT NULL, -- the month's version paid, frozen by its first export
    created_at {timestamptz} NOT NULL, -- when it was made (UTC)
    file_name TEXT NOT NULL, -- the file written
    bonus_total NUMERIC(14,2) NOT NULL, -- sum of the month's bonuses in the file
    adjustment_total NUMERIC(14,2) NOT NULL -- sum of the adjustments the file carries
);
CREATE UNIQUE INDEX IF NOT EXISTS kpi_payroll_export_month ON kpi_payroll_export (month_start);
