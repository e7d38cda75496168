CREATE TABLE IF NOT EXISTS kpi_agent_monthly (
    -- kpi_agent_monthly: an agent's monthly scorecard (绩效考核). Grain: one row per (month_start, agent_id, version); BI and payroll read the current version (is_current).
    month_start DATE NOT NULL, -- first day of the month scored
    period_start_on DATE, -- first day of the month's evaluation period (the calendar month's first day unless the scheme sets period.end_day)
    period_end_on DATE, -- last day of the evaluation period, inclusive
    agent_id TEXT NOT NULL, -- agent (客服工号) from the roster
    agent_name TEXT NOT NULL, -- agent name from the month's roster
    store_id TEXT NOT NULL, -- the agent's roster store
    team_id TEXT NOT NULL, -- the agent's roster team; the store_id when the roster has none
    version INTEGER NOT NULL, -- 1, 2, ... per month; each publish of the month adds one
    is_current BOOLEAN NOT NULL, -- true on the one version payroll and BI use
    run_id TEXT NOT NULL, -- the run that wrote the row (see kpi_run)
    scheme_version TEXT NOT NULL, -- version of the scheme file used
    status TEXT NOT NULL, -- scored, or insufficient_data when no metric had enough samples
    customers_received INTEGER NOT NULL, -- distinct customers in the agent's receptions
    survey_count INTEGER NOT NULL, -- satisfaction surveys (after voided ones)
    votes_1 INTEGER NOT NULL, -- surveys rated 1 (非常不满意)
    votes_2 INTEGER NOT NULL, -- surveys rated 2 (不满意)
    votes_3 INTEGER NOT NULL, -- surveys rated 3 (一般)
    votes_4 INTEGER NOT NULL, -- surveys rated 4 (满意)
    votes_5 INTEGER NOT NULL, -- surveys rated 5 (非常满意)
    satisfaction_avg DOUBLE PRECISION, -- mean rating, 1..5; null when no surveys
    complaint_count INTEGER NOT NULL, -- valid complaints
    complaint_customers INTEGER NOT NULL, -- distinct customers of valid complaints
    complaint_rate DOUBLE PRECISION, -- fraction: complaint_customers / customers_received; null when none received
    first_purchase_customers INTEGER NOT NULL, -- distinct customers with a first purchase (首购)
    repeat_purchase_customers INTEGER NOT NULL, -- distinct customers with an additional or replacement purchase (二次购买)
    referral_customers INTEGER NOT NULL, -- distinct customers who bought on a referral
    repurchase_rate DOUBLE PRECISION, -- fraction (can exceed 1): repeat / first purchase customers; null when no first purchase
    referral_rate DOUBLE PRECISION, -- fraction: referral_customers / customers_received; null when none received
    consultation_count INTEGER NOT NULL, -- consultations handled
    timely_count INTEGER NOT NULL, -- consultations answered and resolved within the channel's SLA
    timely_rate DOUBLE PRECISION, -- fraction 0..1: timely_count / consultation_count; null when none
    satisfaction_points DOUBLE PRECISION, -- points earned, unrounded; null when satisfaction is N/A
    complaint_points DOUBLE PRECISION, -- points earned, unrounded; null when complaint_rate is N/A
    loyalty_points DOUBLE PRECISION, -- points earned, unrounded; null when loyalty is N/A
    timeliness_points DOUBLE PRECISION, -- points earned, unrounded; null when timeliness is N/A
    satisfaction_weight DOUBLE PRECISION, -- effective weight after redistribution, points; null when N/A
    complaint_weight DOUBLE PRECISION, -- effective weight after redistribution, points; null when N/A
    loyalty_weight DOUBLE PRECISION, -- effective weight after redistribution, points; null when N/A
    timeliness_weight DOUBLE PRECISION, -- effective weight after redistribution, points; null when N/A
    score_before_adjustment NUMERIC(5, 2), -- sum of points rounded half-up to 2 decimals; null when insufficient_data
    score_adjustment NUMERIC(6, 2) NOT NULL, -- sum of applied adjust_score appeals within -100..100 (no score moves further); 0 when none
    score NUMERIC(5, 2), -- final score 0..100; null when insufficient_data
    tier TEXT, -- bonus tier reached; null when insufficient_data
    bonus_amount NUMERIC(12, 2) NOT NULL, -- the tier's bonus in the scheme's currency
    currency TEXT, -- the scheme's currency of bonus_amount (e.g. CNY)
    consecutive_months_below_60 INTEGER NOT NULL, -- consecutive months with a warning, ending with this one
    is_warning BOOLEAN NOT NULL, -- score below the scheme's warning line: warning and improvement plan
    is_demotion_review BOOLEAN NOT NULL, -- warned for the scheme's number of consecutive months: demotion or transfer review
    is_complaint_review BOOLEAN NOT NULL, -- complaint_count reached the scheme's review line
    improvement_focus TEXT, -- metric key that lost the most points; null when none lost
    improvement_topic TEXT, -- the scheme's training topic for improvement_focus
    computed_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when the row was computed (UTC)
    is_recognized BOOLEAN, -- outstanding performer (表现突出): the scheme's recognition tier or higher for its number of consecutive months, each judged by its own scheme; null on rows published before it was recorded
    PRIMARY KEY (month_start, agent_id, version)
);
CREATE INDEX IF NOT EXISTS kpi_agent_monthly_current ON kpi_agent_monthly (month_start, is_current);
