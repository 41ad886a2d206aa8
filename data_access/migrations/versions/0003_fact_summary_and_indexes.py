"""fact summaries and indexes that match the queries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fact_summary",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("measure", sa.String(length=48), nullable=False),
        sa.Column("county_code", sa.String(length=12), nullable=True),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fact_summary", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fact_summary_cover", ["measure", "year", "county_code", "month", "team", "value"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("fact_summary", schema=None) as batch_op:
        batch_op.drop_index("ix_fact_summary_cover")
    op.drop_table("fact_summary")
