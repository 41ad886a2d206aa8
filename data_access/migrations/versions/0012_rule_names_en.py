"""validation rules: an English name (the 数据质量 page and its messages in the UI's language)

Revision ID: 0012_rule_names_en
Revises: 0010_session_ticket (the lead re-chains at merge)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_rule_names_en"
down_revision: str | None = "0010_session_ticket"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("validation_rules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_en", sa.String(length=128), nullable=True))
    # the shipped rules get their English names from data_access.quality.defaults.seed_quality,
    # which fills a missing name_en on every start; a federation's own rules keep NULL (shown in Chinese)


def downgrade() -> None:
    with op.batch_alter_table("validation_rules", schema=None) as batch_op:
        batch_op.drop_column("name_en")
