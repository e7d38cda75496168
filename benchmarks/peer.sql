-- The benchmark's peer: the month's scorecards straight from the CSVs in one DuckDB query,
-- with no validation, quarantine, lineage or warehouse. It follows scheme.md with the
-- default scheme's constants written in (config/schemes/default-2026.yaml), for a clean
-- month only (`kpi generate --clean`: no bad rows to skip). Simplifications: appeals are
-- applied when approved and about the month (the working-day deadline is not checked),
-- and penalties, improvement focus and teams are left out.
-- Placeholders: {dir} (the month folder), {month_start}, {next_month}.
WITH
roster AS (
    SELECT agent_id, store_id FROM read_csv('{dir}/agents.csv', all_varchar = true)
    WHERE (hired_on IS NULL OR CAST(hired_on AS DATE) < DATE '{next_month}')
      AND (left_on IS NULL OR CAST(left_on AS DATE) >= DATE '{month_start}')
),
appeals AS (
    SELECT * FROM read_csv('{dir}/appeals.csv', all_varchar = true)
    WHERE status = 'approved' AND month = strftime(DATE '{month_start}', '%Y-%m')
),
voided AS (SELECT record_type, record_id, agent_id FROM appeals WHERE kind = 'void_record'),
adjusted AS (
    SELECT agent_id, SUM(CAST(score_delta AS DECIMAL(6, 2))) AS score_adjustment
    FROM appeals WHERE kind = 'adjust_score' GROUP BY agent_id
),
receptions AS (
    SELECT r.agent_id, COUNT(DISTINCT r.customer_id) AS customers_received
    FROM read_csv('{dir}/receptions.csv', all_varchar = true) r
    ANTI JOIN voided v ON v.record_type = 'reception' AND v.record_id = r.reception_id
                      AND v.agent_id = r.agent_id
    GROUP BY r.agent_id
),
surveys AS (
    SELECT s.agent_id, COUNT(*) AS survey_count, AVG(CAST(s.rating AS INTEGER)) AS satisfaction_avg
    FROM read_csv('{dir}/surveys.csv', all_varchar = true) s
    ANTI JOIN voided v ON v.record_type = 'survey' AND v.record_id = s.survey_id
                      AND v.agent_id = s.agent_id
    GROUP BY s.agent_id
),
complaints AS (
    SELECT c.agent_id, COUNT(DISTINCT c.customer_id) AS complaint_customers
    FROM read_csv('{dir}/complaints.csv', all_varchar = true) c
    ANTI JOIN voided v ON v.record_type = 'complaint' AND v.record_id = c.complaint_id
                      AND v.agent_id = c.agent_id
    WHERE c.is_valid IS NULL OR c.is_valid NOT IN ('N', 'n', '否', '无效', '無效', 'false', '0')
    GROUP BY c.agent_id
),
purchases AS (
    SELECT p.agent_id,
           COUNT(DISTINCT p.customer_id) FILTER (WHERE p.purchase_type = 'first') AS first_c,
           COUNT(DISTINCT p.customer_id) FILTER (WHERE p.purchase_type IN ('additional', 'replacement')) AS repeat_c,
           COUNT(DISTINCT p.customer_id) FILTER (WHERE p.referrer_customer_id IS NOT NULL) AS referral_c
    FROM read_csv('{dir}/purchases.csv', all_varchar = true) p
    ANTI JOIN voided v ON v.record_type = 'purchase' AND v.record_id = p.order_id
                      AND v.agent_id = p.agent_id
    GROUP BY p.agent_id
),
consultations AS (
    SELECT c.agent_id, COUNT(*) AS consultation_count,
           COUNT(*) FILTER (WHERE CAST(c.first_response_at AS TIMESTAMP)
                                  <= CAST(c.received_at AS TIMESTAMP) + INTERVAL 15 MINUTE
                              AND CAST(c.resolved_at AS TIMESTAMP)
                                  <= CAST(c.received_at AS TIMESTAMP) + INTERVAL 24 HOUR) AS timely_count
    FROM read_csv('{dir}/consultations.csv', all_varchar = true) c
    ANTI JOIN voided v ON v.record_type = 'consultation' AND v.record_id = c.consultation_id
                      AND v.agent_id = c.agent_id
    GROUP BY c.agent_id
),
metrics AS (
    SELECT a.agent_id,
           COALESCE(r.customers_received, 0) AS received,
           COALESCE(s.survey_count, 0) AS surveys, s.satisfaction_avg,
           COALESCE(c.complaint_customers, 0) AS complaint_customers,
           COALESCE(p.first_c, 0) AS first_c, COALESCE(p.repeat_c, 0) AS repeat_c,
           COALESCE(p.referral_c, 0) AS referral_c,
           COALESCE(t.consultation_count, 0) AS consultations, COALESCE(t.timely_count, 0) AS timely,
           COALESCE(j.score_adjustment, 0) AS score_adjustment
    FROM roster a
    LEFT JOIN receptions r USING (agent_id) LEFT JOIN surveys s USING (agent_id)
    LEFT JOIN complaints c USING (agent_id) LEFT JOIN purchases p USING (agent_id)
    LEFT JOIN consultations t USING (agent_id) LEFT JOIN adjusted j USING (agent_id)
),
fractions AS (
    SELECT agent_id, score_adjustment,
           surveys >= 3 AS sat_ok, received >= 10 AS com_ok, first_c >= 1 AS rep_ok,
           received >= 10 AS ref_ok, consultations >= 5 AS tim_ok,
           LEAST(GREATEST((satisfaction_avg - 3.0) / 2.0, 0), 1) AS sat_f,
           LEAST(GREATEST((complaint_customers / NULLIF(received, 0) - 0.05) / -0.05, 0), 1) AS com_f,
           LEAST(GREATEST(repeat_c / NULLIF(first_c, 0) / 0.30, 0), 1) AS rep_f,
           LEAST(GREATEST(referral_c / NULLIF(received, 0) / 0.10, 0), 1) AS ref_f,
           LEAST(GREATEST((timely / NULLIF(consultations, 0) - 0.80) / 0.20, 0), 1) AS tim_f
    FROM metrics
),
points AS (
    SELECT agent_id, score_adjustment,
           40 * sat_ok::INT + 30 * com_ok::INT + 15 * (rep_ok OR ref_ok)::INT
               + 15 * tim_ok::INT AS weight_sum,
           CASE WHEN sat_ok THEN 40 * sat_f ELSE 0 END
           + CASE WHEN com_ok THEN 30 * com_f ELSE 0 END
           + CASE WHEN rep_ok OR ref_ok THEN 15 *
                 (CASE WHEN rep_ok THEN 0.5 * rep_f ELSE 0 END
                  + CASE WHEN ref_ok THEN 0.5 * ref_f ELSE 0 END)
                 / (0.5 * rep_ok::INT + 0.5 * ref_ok::INT) ELSE 0 END
           + CASE WHEN tim_ok THEN 15 * tim_f ELSE 0 END AS weighted
    FROM fractions
),
scores AS (
    SELECT agent_id,
           CASE WHEN weight_sum > 0 THEN LEAST(GREATEST(
               ROUND(weighted * 100 / weight_sum + 5e-7, 2) + score_adjustment, 0), 100)
           END AS score
    FROM points
)
SELECT agent_id, CAST(score AS DECIMAL(5, 2)) AS score,
       CASE WHEN score >= 90 THEN 'A' WHEN score >= 80 THEN 'B' WHEN score >= 70 THEN 'C'
            WHEN score >= 60 THEN 'D' WHEN score IS NOT NULL THEN 'E' END AS tier,
       CASE WHEN score >= 90 THEN 2000 WHEN score >= 80 THEN 1500 WHEN score >= 70 THEN 1000
            WHEN score >= 60 THEN 500 ELSE 0 END AS bonus_amount
FROM scores
ORDER BY agent_id
