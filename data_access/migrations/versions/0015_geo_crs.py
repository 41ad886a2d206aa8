"""boundaries: the coordinate system each shape's file was in (stored coordinates are WGS-84)

Revision ID: 0015_geo_crs
Revises: 0013_gap_ledger
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_geo_crs"
down_revision: str | None = "0013_gap_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("area_shapes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_crs", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("area_shapes", schema=None) as batch_op:
        batch_op.drop_column("file_crs")
