"""a real city: areas that do not count in coverage, code history, the federation's own indicators

Revision ID: 0004_real_city
Revises: 0006_reporting_quality

The file is named 0007_ because it runs seventh; its revision id stays 0004_real_city (existing
databases store it in alembic_version).
Create Date: 2026-12-01 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_real_city"
down_revision: str | None = "0006_reporting_quality"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counts_in_coverage", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
    op.create_table(
        "area_code_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("old_code", sa.String(length=12), nullable=False),
        sa.Column("new_code", sa.String(length=12), nullable=False),
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.Column("old_name", sa.String(length=64), nullable=True),
        sa.Column("new_name", sa.String(length=64), nullable=True),
        sa.Column("note", sa.String(length=255), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("old_code", name="uq_area_code_changes_old"),
    )
    with op.batch_alter_table("area_code_changes", schema=None) as batch_op:
        batch_op.create_index("ix_area_code_changes_new_code", ["new_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("area_code_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_area_code_changes_new_code")
    op.drop_table("area_code_changes")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_column("batch_id")
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_column("counts_in_coverage")
