"""result_cache: datasets computed once and read by every app process

Revision ID: 0016_shared_cache
Revises: 0015_geo_crs
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_shared_cache"
down_revision: str | None = "0015_geo_crs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "result_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data_version", sa.String(length=32), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.LargeBinary(length=16 * 1024 * 1024 - 1), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("result_cache")
