"""The city's decisions on submissions, from the 数据质量 page: approve, return, unlock.

Each needs the ``approve`` permission (the city's data staff and administrators; not a
county's data staff), runs in one transaction with its audit entry, and bumps the data
version, so every app process shows it."""

from __future__ import annotations

from data_access.quality import approval

from . import data
from .auth import require

ACTIONS = {"approve": approval.approve, "return": approval.return_submission, "unlock": approval.unlock}


def decide(action: str, report: str, area: str, year: int, period_no: int, reason: str = "") -> None:
    """Raises ``approval.ApprovalError`` (a Chinese message) when the step is not allowed."""
    p = require("approve")
    with data.engine().begin() as conn:
        rep = approval.find_report(conn, report)
        ACTIONS[action](conn, rep, area, year, period_no, p.username, reason)
    data.data_version.clear()
