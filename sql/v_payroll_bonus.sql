CREATE VIEW v_payroll_bonus AS
    -- v_payroll_bonus: what payroll pays: every agent's bonus of the current version of each month, and whether that version is approved (only approved versions are exported).
    -- month_start: first day of the month scored
    -- agent_id: agent (客服工号) from the roster
    -- agent_name: agent name from the month's roster
    -- store_id: the agent's roster store
    -- tier: bonus tier reached; null when insufficient_data
    -- bonus_amount: the tier's bonus in the scheme's currency
    -- version: 1, 2, ... per month; each publish of the month adds one
    -- is_approved: the version is signed off for payroll (kpi_payroll_approval)
SELECT a.month_start, a.agent_id, a.agent_name, a.store_id, a.tier, a.bonus_amount,
       a.version, EXISTS (SELECT 1 FROM kpi_payroll_approval p
                      WHERE p.month_start = a.month_start AND p.version = a.version) AS is_approved
FROM kpi_agent_monthly a WHERE a.is_current;
