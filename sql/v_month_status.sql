CREATE VIEW v_month_status AS
    -- v_month_status: where every month of the warehouse stands: published, stale, approved, exported, payroll adjustments. Grain: one row per month from the first month with a run to the last, months without a published version between published ones included.
    -- month_start: the month
    -- current_version: its current version; null when never published
    -- last_run_status: running, published, unchanged or failed: its latest run
    -- last_run_at: when its latest run ended (UTC); when it started, while it runs
    -- is_missing: not published while months before and after it are
    -- is_stale: an earlier month was republished in a way that changes what it reads: run it again
    -- approved_version: the newest version signed off for payroll
    -- exported_version: the version its first payroll export froze
    -- adjustments_recorded: payroll adjustments of the month
    -- adjustments_carried: of them carried by a payroll export
    -- adjustments_waiting: of them not carried yet
    -- carried_by: what the waiting ones wait for
WITH RECURSIVE
published AS (
    SELECT month_start, MAX(version) AS current_version FROM kpi_run
    WHERE status = 'published' GROUP BY month_start),
bounds AS (SELECT MIN(month_start) AS first_month, MAX(month_start) AS last_month FROM kpi_run),
months(month_start) AS (
    SELECT first_month FROM bounds WHERE first_month IS NOT NULL
    UNION ALL
    SELECT CAST(months.month_start + INTERVAL '1 month' AS DATE) FROM months, bounds
    WHERE months.month_start < bounds.last_month),
published_span AS (
    SELECT MIN(month_start) AS first_month, MAX(month_start) AS last_month FROM published),
last_run AS (
    SELECT r.month_start, r.status, COALESCE(r.finished_at, r.started_at) AS at FROM kpi_run r
    WHERE r.run_id = (SELECT x.run_id FROM kpi_run x WHERE x.month_start = r.month_start
                      ORDER BY x.started_at DESC, x.run_id DESC LIMIT 1)),
current_run AS (
    SELECT r.month_start, r.finished_at FROM kpi_run r
    JOIN published p ON p.month_start = r.month_start AND p.current_version = r.version
    WHERE r.status = 'published'),
judged AS (
    SELECT s.month_start, s.found_at, s.is_stale
    FROM kpi_stale_month s
    JOIN current_run c ON c.month_start = s.month_start WHERE s.found_at > c.finished_at),
stale AS (
    -- the latest judgement since the month's current version was published
    SELECT DISTINCT j.month_start FROM judged j
    WHERE j.is_stale AND j.found_at = (
        SELECT MAX(x.found_at) FROM judged x WHERE x.month_start = j.month_start)),
approved AS (
    SELECT month_start, MAX(version) AS approved_version FROM kpi_payroll_approval
    GROUP BY month_start),
exported AS (
    SELECT month_start, version AS exported_version FROM kpi_payroll_export
    WHERE original_export_id IS NULL),
latest_exported AS (SELECT MAX(month_start) AS month_start FROM exported),
carrier AS (
    -- the first month after an exported month that is not exported: its first export
    -- carries the exported month's approved adjustments (none: a month after the latest)
    SELECT e.month_start, MIN(m.month_start) AS carrier_month
    FROM exported e
    JOIN months m ON m.month_start > e.month_start
    LEFT JOIN exported x ON x.month_start = m.month_start
    WHERE x.month_start IS NULL
    GROUP BY e.month_start),
adjustments AS (
    SELECT a.month_start, COUNT(*) AS recorded, COUNT(a.export_id) AS carried,
           COUNT(*) - COUNT(a.export_id) AS waiting,
           -- approving a version approves the adjustments on the way to it
           MAX(CASE WHEN a.export_id IS NULL AND (p.approved_version IS NULL
                    OR p.approved_version < a.to_version) THEN a.to_version END)
               AS waiting_for_approval
    FROM kpi_payroll_adjustment a
    LEFT JOIN approved p ON p.month_start = a.month_start
    GROUP BY a.month_start)
SELECT months.month_start,
       p.current_version,
       lr.status AS last_run_status,
       lr.at AS last_run_at,
       (p.current_version IS NULL AND months.month_start > ps.first_month
        AND months.month_start < ps.last_month) AS is_missing,
       (st.month_start IS NOT NULL) AS is_stale,
       ap.approved_version,
       e.exported_version,
       COALESCE(ad.recorded, 0) AS adjustments_recorded,
       COALESCE(ad.carried, 0) AS adjustments_carried,
       COALESCE(ad.waiting, 0) AS adjustments_waiting,
       CASE WHEN COALESCE(ad.waiting, 0) = 0 THEN NULL
            WHEN ad.waiting_for_approval IS NOT NULL
                THEN 'the approval of version ' || CAST(ad.waiting_for_approval AS TEXT)
            WHEN e.exported_version IS NULL THEN 'the first payroll export of the month'
            WHEN c.carrier_month IS NULL OR c.carrier_month > le.month_start
                THEN 'the first payroll export of a month after '
                     || to_char(le.month_start, 'YYYY-MM') || ' (the latest exported)'
            ELSE 'the first payroll export of a month from ' || to_char(c.carrier_month, 'YYYY-MM')
                 || ' on that is not exported yet' END AS carried_by
FROM months
CROSS JOIN published_span ps
CROSS JOIN latest_exported le
LEFT JOIN published p ON p.month_start = months.month_start
LEFT JOIN last_run lr ON lr.month_start = months.month_start
LEFT JOIN stale st ON st.month_start = months.month_start
LEFT JOIN approved ap ON ap.month_start = months.month_start
LEFT JOIN exported e ON e.month_start = months.month_start
LEFT JOIN carrier c ON c.month_start = months.month_start
LEFT JOIN adjustments ad ON ad.month_start = months.month_start;
