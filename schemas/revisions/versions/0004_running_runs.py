"""kpi_run.finished_at is null while a run works: a run writes its row with status
``running`` as soon as it holds the month, and settles it at its end; the next run of
the month settles the row of one that was killed (`warehouse.md`, ``kpi_run``).

Every row there is belongs to a run that ended, so none changes.

Revision 0004, after 0003; written by hand (2026-12-04).
"""

import sqlalchemy as sa
from alembic import op

from schemas import revisions

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kpi_run") as batch:
        batch.alter_column(
            "status",
            existing_type=sa.Text(),
            existing_nullable=False,
            comment="running (until the run ends), published, unchanged or failed",
            existing_comment="published, unchanged or failed",
        )
        batch.alter_column(
            "finished_at",
            existing_type=sa.DateTime(timezone=True),
            nullable=True,
            comment="when the run ended (UTC); null while it runs",
            existing_comment="when the run ended (UTC)",
        )


def downgrade() -> None:
    revisions.refuse_downgrade()
