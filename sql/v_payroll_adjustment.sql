CREATE VIEW v_payroll_adjustment AS
    -- v_payroll_adjustment: bonus changes between versions and what carries them: the payroll export, or 'waiting'.
    -- month_start: the month the bonus is for
    -- agent_id: the agent
    -- agent_name: the agent's name in the newer version (or the older when gone)
    -- store_id: the agent's store
    -- from_version: the version payroll knew
    -- to_version: the version now current
    -- bonus_before: bonus in from_version (0 when absent)
    -- bonus_after: bonus in to_version (0 when absent)
    -- delta: bonus_after - bonus_before: to pay when positive, to recover when negative
    -- currency: the scheme's currency
    -- run_id: the run that published to_version
    -- created_at: when it was recorded (UTC)
    -- export_id: the payroll export that carried it; null until exported
    -- carried_by: the payroll export that carries it, or 'waiting'
    -- is_approved: the version it leads to, or a later version of its month, is signed off
SELECT a.*, COALESCE(a.export_id, 'waiting') AS carried_by,
       EXISTS (SELECT 1 FROM kpi_payroll_approval p
               WHERE p.month_start = a.month_start AND p.version >= a.to_version) AS is_approved
FROM kpi_payroll_adjustment a;
