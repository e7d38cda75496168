"""Where the pipeline keeps what it published: the warehouse (`warehouse.md`; these are
the only modules that talk to it) and the archive of the files a run read (`archive`).

The warehouse, by job: `failures` (errors told apart, URLs without passwords),
`schema` (revisions, `ensure_schema`), `connection` (`connect`, `upgrade`, `current`),
`locking` (month locks), `reads` (nothing here writes: what the outputs import),
`writes` (frames, the flip, the run log spool, scheme files, payroll marks) and
`gate_sql` (the quality gate's SQL).


- Schema: `schemas.tables` defines every table and view, `schemas.revisions` every
  change of that layout (Alembic). A publishing command (`connect`) and ``kpi db
  upgrade`` (`upgrade`) bring the warehouse to this release's revision first
  (`ensure_schema`): a new one is created at it, an older one upgraded in place, in one
  transaction (SQLite included: an explicit ``BEGIN IMMEDIATE``), under a lock (a file
  beside an SQLite warehouse, PostgreSQL's advisory lock), never dropping data. A
  warehouse that is current is not touched at all (views and comments take locks that
  BI sessions would wait on). Every other command only reads the revision and refuses a
  warehouse at another one (`require_current`): ``kpi approve`` and ``kpi export
  payroll`` too, although they write rows, because changing the layout is the
  operator's decision, taken with the schema owner's rights (`docs/commands.md`). A
  revision this release does not know (a newer release wrote the warehouse) is refused
  by every command.
- Every statement is SQLAlchemy Core over those tables, so values are always bound
  parameters and reads come back typed (`read`: a polars frame in the columns' types).
- Locks: a month is locked for a whole run: a session advisory lock on a dedicated
  PostgreSQL connection, or an OS file lock beside the SQLite file (removed by its
  holder on release). Both die with the process.
- Writes are bulk: ``COPY … FROM STDIN`` on PostgreSQL, batched ``executemany`` on SQLite.
- SQLite runs in WAL mode so BI tools can read while a run writes; it stores timestamps
  as UTC text and NUMERIC as REAL, read back as UTC instants and exact decimals.
- Failures are told apart: an *outage* (the server does not answer) is worth retrying;
  a warehouse that answers but cannot be used as asked (read-only, no permission, a
  missing folder, a full disk, a wrong password) gets its own message and no retry.
"""
