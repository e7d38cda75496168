CREATE VIEW v_payroll_adjustment AS
    -- v_payroll_adjustment: bonus changes between versions and what carries them: the payroll export, or 'waiting'.
SELECT a.*, COALESCE(a.export_id, 'waiting') AS carried_by,
       EXISTS (SELECT 1 FROM kpi_payroll_approval p
               WHERE p.month_start = a.month_start AND p.version >= a.to_version) AS is_approved
FROM kpi_payroll_adjustment a;
