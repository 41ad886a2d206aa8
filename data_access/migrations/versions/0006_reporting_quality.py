"""reporting periods, validation rules, submissions and approval (issue 19)

Revision ID: 0006_reporting_quality
Revises: 0005_plan_targets
Create Date: 2026-12-01 23:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_reporting_quality"
down_revision: str | None = "0005_plan_targets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=64), nullable=False),
        sa.Column("covers", sa.String(length=255), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("deadline_days", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=True),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "validation_rules",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_zh", sa.String(length=128), nullable=False),
        sa.Column("rule", sa.String(length=24), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("other", sa.String(length=255), nullable=True),
        sa.Column("low", sa.Double(), nullable=True),
        sa.Column("high", sa.Double(), nullable=True),
        sa.Column("threshold", sa.Double(), nullable=True),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_code", sa.String(length=32), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("county_code", sa.String(length=12), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_no", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("first_submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("report_code", "area_code", "year", "period_no", name="uq_submissions_key"),
    )
    op.create_index("ix_submissions_year_report", "submissions", ["year", "report_code", "county_code"])
    with op.batch_alter_table("load_batches") as batch_op:
        batch_op.add_column(sa.Column("report_code", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("report_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("report_period", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("load_batches") as batch_op:
        batch_op.drop_column("report_period")
        batch_op.drop_column("report_year")
        batch_op.drop_column("report_code")
    op.drop_index("ix_submissions_year_report", table_name="submissions")
    op.drop_table("submissions")
    op.drop_table("validation_rules")
    op.drop_table("reports")
