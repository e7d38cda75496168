CREATE VIEW v_payroll_bonus AS
    -- v_payroll_bonus: what payroll pays: every agent's bonus of the current version of each month, and whether that version is approved (only approved versions are exported).
SELECT a.month_start, a.agent_id, a.agent_name, a.store_id, a.tier, a.bonus_amount,
       a.version, EXISTS (SELECT 1 FROM kpi_payroll_approval p
                      WHERE p.month_start = a.month_start AND p.version = a.version) AS is_approved
FROM kpi_agent_monthly a WHERE a.is_current;
