"""A demo city with gaps, as a real city has them: some of 青林县's villages without their
专职委员, two of 中江区's townships without a federation, one gap past its deadline. For the
gap-ledger tests and screenshots (the demo itself is fully covered in 2025)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, select, update

from data_access.finish import Touched, finish_load
from data_access.models import Area, Gap, OrgUnit

QINGLIN, ZHONGJIANG = "990103000000", "990101000000"


def make_gaps(engine: Engine, villages: int = 5, townships: int = 2) -> None:
    today = dt.date.today()
    with engine.begin() as conn:
        vs = conn.execute(
            select(Area.code).where(Area.level == "village", Area.county_code == QINGLIN).order_by(Area.code)
        ).scalars().all()[:villages]  # fmt: skip
        conn.execute(update(OrgUnit).where(OrgUnit.area_code.in_(vs)).values(staffed_on=None))
        ts = conn.execute(
            select(Area.code).where(Area.level == "township", Area.county_code == ZHONGJIANG).order_by(Area.code)
        ).scalars().all()[:townships]  # fmt: skip
        conn.execute(delete(OrgUnit).where(OrgUnit.area_code.in_(ts), OrgUnit.org_type == "township_federation"))
        finish_load(conn, Touched(coverage=True))  # the finish step opens the gaps
        conn.execute(  # the first township's gap was found last year and is past its deadline
            update(Gap)
            .where(Gap.area_code == ts[0])
            .values(opened_on=today - dt.timedelta(days=400), deadline=today - dt.timedelta(days=30))
        )
