"""plan targets and the yearly assessment rules

Revision ID: 0005_plan_targets
Revises: 0008_sessions
Create Date: 2026-12-01 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_plan_targets"
down_revision: str | None = "0008_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("indicator_code", sa.String(length=40), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("county_code", sa.String(length=12), nullable=True),
        sa.Column("plan", sa.String(length=16), nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("attribute", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("baseline_value", sa.Double(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["area_code"], ["areas.code"]),
        sa.ForeignKeyConstraint(["indicator_code"], ["indicators.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_code", "area_code", "plan", name="uq_plan_targets_key"),
    )
    op.create_table(
        "assessment_rules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=40), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("thresholds", sa.String(length=255), nullable=True),
        sa.Column("note", sa.String(length=255), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["indicator_code"], ["indicators.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "indicator_code", name="uq_assessment_rules_key"),
    )


def downgrade() -> None:
    op.drop_table("assessment_rules")
    op.drop_table("plan_targets")
