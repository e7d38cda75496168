CREATE TABLE IF NOT EXISTS kpi_scheme (
    -- kpi_scheme: the scheme files runs used, as read, so that any version's scheme can be read from the warehouse. Grain: one row per scheme file content used (a version names one content: a changed file needs a new version).
    scheme_version TEXT NOT NULL, -- the file's version, as versions of months name it
    sha256 TEXT NOT NULL, -- SHA-256 of the file's bytes
    effective_from DATE NOT NULL, -- the first month the file applies to
    file_name TEXT NOT NULL, -- the file's name when it was first used
    content TEXT NOT NULL, -- the file's text as read (YAML)
    first_run_id TEXT NOT NULL, -- the run that first used it (see kpi_run), or that the upgrade found it in
    first_used_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when that run started (UTC)
    PRIMARY KEY (scheme_version)
);
