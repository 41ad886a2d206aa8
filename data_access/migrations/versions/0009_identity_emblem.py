"""the federation's emblem, loaded on the Data page, kept in the database (every process sees it)

Revision ID: 0009_identity_emblem
Revises: 0004_real_city
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_identity_emblem"
down_revision: str | None = "0004_real_city"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_files",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("mime", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(length=4 * 1024 * 1024), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("identity_files")
