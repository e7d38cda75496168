CREATE TABLE IF NOT EXISTS kpi_payroll_approval (
    -- kpi_payroll_approval: sign-offs of a month's version for payroll (kpi approve); rows are only ever added. Grain: one row per (month_start, version) approved.
    month_start DATE NOT NULL, -- the month approved
    version INTEGER NOT NULL, -- the version approved (the month's current one when approved)
    run_id TEXT NOT NULL, -- the run that published that version
    approved_by TEXT NOT NULL, -- who signed it off
    approved_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when (UTC)
    note TEXT, -- what the approver wrote
    PRIMARY KEY (month_start, version)
);
