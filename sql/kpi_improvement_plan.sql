CREATE TABLE IF NOT EXISTS kpi_improvement_plan (
    -- kpi_improvement_plan: the improvement plans (改进计划) agreed in the month's feedback interviews (绩效反馈面谈), as the interviews file of a version's inputs records them. Grain: one row per plan item (an interview without a measurable item: one row, goal_metric null), per published version.
    run_id TEXT NOT NULL, -- the run that read it
    month_start DATE NOT NULL, -- the month the interview discussed
    version INTEGER NOT NULL, -- the version of the month it belongs to
    is_current BOOLEAN NOT NULL, -- true on the month's current version
    row_number INTEGER NOT NULL, -- its row in the interviews file (1-based among data rows)
    interview_id TEXT NOT NULL, -- the interview's id, as read
    agent_id TEXT NOT NULL, -- the agent interviewed
    interview_on DATE NOT NULL, -- the day of the interview
    interviewer TEXT NOT NULL, -- who held it (the department head), as read
    strengths TEXT, -- strengths discussed (优势), as read
    shortfalls TEXT, -- shortfalls discussed (不足), as read
    goal_metric TEXT, -- score, satisfaction, complaint_rate, repurchase_rate, referral_rate or timely_rate; null for an interview without a measurable item
    goal_value DOUBLE PRECISION, -- the goal in the metric's unit (score 0..100, satisfaction 1..5, rates 0..1): at least this, at most for complaint_rate
    due_month_start DATE, -- the last month the goal may be reached in
    measure TEXT, -- what the agent will do (改进措施), as read
    PRIMARY KEY (month_start, version, row_number)
);
