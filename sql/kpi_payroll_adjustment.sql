CREATE TABLE IF NOT EXISTS kpi_payroll_adjustment (
    -- kpi_payroll_adjustment: bonus changes between published versions, for payroll to pay or recover later. Grain: one row per changed bonus.
    month_start DATE NOT NULL, -- the month the bonus is for
    agent_id TEXT NOT NULL, -- the agent
    agent_name TEXT NOT NULL, -- the agent's name in the newer version (or the older when gone)
    store_id TEXT NOT NULL, -- the agent's store
    from_version INTEGER NOT NULL, -- the version payroll knew
    to_version INTEGER NOT NULL, -- the version now current
    bonus_before NUMERIC(12, 2) NOT NULL, -- bonus in from_version (0 when absent)
    bonus_after NUMERIC(12, 2) NOT NULL, -- bonus in to_version (0 when absent)
    delta NUMERIC(12, 2) NOT NULL, -- bonus_after - bonus_before: to pay when positive, to recover when negative
    currency TEXT NOT NULL, -- the scheme's currency
    run_id TEXT NOT NULL, -- the run that published to_version
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when it was recorded (UTC)
    export_id TEXT, -- the payroll export that carried it; null until exported
    PRIMARY KEY (month_start, agent_id, to_version)
);
