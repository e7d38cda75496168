"""The publishing protocol: what a run is asked and reports (`outcomes`), its record from
start to failure (`attempts`), the run itself up to its flip (`runs`), the quality gate
(`gate`, Great Expectations; `data_docs`, its one offline site per warehouse) and the
payroll sign-off and export (`payroll`)."""
