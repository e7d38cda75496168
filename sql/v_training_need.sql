CREATE VIEW v_training_need AS
    -- v_training_need: the department's training plan (个性化培训计划): how many agents of a store have each training topic as their improvement topic. Grain: one row per (month_start, store_id, improvement_topic) of the current scorecards.
    -- month_start: first day of the month scored
    -- store_id: the agent's roster store
    -- improvement_topic: the scheme's training topic for improvement_focus
    -- agent_count: current scorecards of the store whose topic it is
SELECT month_start, store_id, improvement_topic, COUNT(*) AS agent_count
FROM kpi_agent_monthly WHERE is_current AND improvement_topic IS NOT NULL
GROUP BY month_start, store_id, improvement_topic;
