CREATE VIEW v_improvement_plan AS
    -- v_improvement_plan: every plan item of the current versions with its follow-up on the current scorecards of the months after the interview's month up to its due month: met (reached in any of them), missed (the due month is published and it never was), open (not reached, the due month not published yet), no_data (no such month with a value). Grain: one row per plan item of kpi_improvement_plan's current versions; items without a goal have a null status.
    -- run_id: the run that read it
    -- month_start: the month the interview discussed
    -- version: the version of the month it belongs to
    -- row_number: its row in the interviews file (1-based among data rows)
    -- interview_id: the interview's id, as read
    -- agent_id: the agent interviewed
    -- interview_on: the day of the interview
    -- interviewer: who held it (the department head), as read
    -- strengths: strengths discussed (优势), as read
    -- shortfalls: shortfalls discussed (不足), as read
    -- goal_metric: score, satisfaction, complaint_rate, repurchase_rate, referral_rate or timely_rate; null for an interview without a measurable item
    -- goal_value: the goal in the metric's unit (score 0..100, satisfaction 1..5, rates 0..1): at least this, at most for complaint_rate
    -- due_month_start: the last month the goal may be reached in
    -- measure: what the agent will do (改进措施), as read
    -- checked_month_start: the latest month after the interview's, up to the due month, with a current scorecard of the agent
    -- latest_value: the agent's goal_metric value in checked_month_start (score: the score)
    -- met_month_start: the first such month whose value reaches goal_value (at least; at most for complaint_rate)
    -- status: met, missed, open or no_data; null without a goal
WITH plan AS (SELECT * FROM kpi_improvement_plan WHERE is_current),
published AS (SELECT DISTINCT month_start FROM kpi_run WHERE status = 'published'),
followed AS (
    SELECT p.month_start, p.row_number, a.month_start AS checked_on,
           CASE p.goal_metric
               WHEN 'score' THEN CAST(a.score AS DOUBLE PRECISION)
               WHEN 'satisfaction' THEN CAST(a.satisfaction_avg AS DOUBLE PRECISION)
               WHEN 'complaint_rate' THEN CAST(a.complaint_rate AS DOUBLE PRECISION)
               WHEN 'repurchase_rate' THEN CAST(a.repurchase_rate AS DOUBLE PRECISION)
               WHEN 'referral_rate' THEN CAST(a.referral_rate AS DOUBLE PRECISION)
               WHEN 'timely_rate' THEN CAST(a.timely_rate AS DOUBLE PRECISION)
           END AS value,
           p.goal_metric, p.goal_value
    FROM plan p JOIN kpi_agent_monthly a
      ON a.agent_id = p.agent_id AND a.is_current
     AND a.month_start > p.month_start AND a.month_start <= p.due_month_start
    WHERE p.goal_metric IS NOT NULL),
judged AS (
    SELECT f.*, CASE
               WHEN f.value IS NULL THEN 0
               WHEN f.goal_metric = 'complaint_rate' THEN
                   CASE WHEN f.value <= f.goal_value + 1e-9 THEN 1 ELSE 0 END
               ELSE CASE WHEN f.value >= f.goal_value - 1e-9 THEN 1 ELSE 0 END
           END AS reached
    FROM followed f),
summary AS (
    SELECT month_start, row_number, MAX(checked_on) AS checked_month_start,
           MIN(CASE WHEN reached = 1 THEN checked_on END) AS met_month_start,
           COUNT(value) AS value_count
    FROM judged GROUP BY month_start, row_number)
SELECT p.run_id, p.month_start, p.version, p.row_number, p.interview_id, p.agent_id,
       p.interview_on, p.interviewer, p.strengths, p.shortfalls, p.goal_metric,
       p.goal_value, p.due_month_start, p.measure, s.checked_month_start,
       (SELECT j.value FROM judged j WHERE j.month_start = p.month_start
          AND j.row_number = p.row_number AND j.checked_on = s.checked_month_start)
           AS latest_value,
       s.met_month_start,
       CASE WHEN p.goal_metric IS NULL THEN NULL
            WHEN s.met_month_start IS NOT NULL THEN 'met'
            WHEN COALESCE(s.value_count, 0) = 0 THEN 'no_data'
            WHEN p.due_month_start IN (SELECT month_start FROM published) THEN 'missed'
            ELSE 'open'
       END AS status
FROM plan p LEFT JOIN summary s
  ON s.month_start = p.month_start AND s.row_number = p.row_number;
