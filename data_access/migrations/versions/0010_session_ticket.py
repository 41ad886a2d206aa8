"""sign-in sessions: a one-time ticket the page exchanges for the HttpOnly cookie

Revision ID: 0010_session_ticket
Revises: 0009_identity_emblem
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_session_ticket"
down_revision: str | None = "0009_identity_emblem"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticket_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("ticket_expires_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_sessions_ticket_hash"), ["ticket_hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_ticket_hash"))
        batch_op.drop_column("ticket_expires_at")
        batch_op.drop_column("ticket_hash")
