"""Alembic migrations of the dashboard schema."""
