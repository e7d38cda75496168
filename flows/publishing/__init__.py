"""The publishing protocol: a run's steps and its flip (`runs`), the quality gate
(`gate`, Great Expectations and its offline Data Docs) and the payroll sign-off and
export (`payroll`)."""
