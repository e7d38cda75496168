CREATE TABLE IF NOT EXISTS kpi_appeal_outcome (
    -- kpi_appeal_outcome: what became of each valid appeal (绩效申诉). Grain: one row per appeal read, per published version.
    run_id TEXT NOT NULL, -- the run that decided it
    month_start DATE NOT NULL, -- the month run
    version INTEGER NOT NULL, -- the version of the month it belongs to
    is_current BOOLEAN NOT NULL, -- true on the month's current version
    appeal_id TEXT NOT NULL, -- the appeal's id
    agent_id TEXT NOT NULL, -- the appealing agent
    kind TEXT NOT NULL, -- void_record or adjust_score
    is_applied BOOLEAN NOT NULL, -- the appeal took effect
    reason TEXT, -- null when applied; else rejected, pending, month_mismatch, late, record_not_found or agent_mismatch
    deadline_on DATE, -- last on-time filing day: the window's last working day after feedback_on
    record_type TEXT, -- void_record: the type of the record named, as read
    record_id TEXT, -- void_record: the id of the record named, as read
    score_delta NUMERIC(6, 2), -- adjust_score: the points asked for, as read
    decided_by TEXT, -- who decided the appeal, as read
    decided_on DATE, -- when it was decided, as read
    PRIMARY KEY (month_start, version, appeal_id)
);
