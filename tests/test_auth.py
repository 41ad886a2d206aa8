"""Accounts, lock-out, hashed storage, audit entries, and the county scope applied by every
query function (found automatically, so a new one cannot forget)."""

from __future__ import annotations

import datetime as dt
import inspect

import pandas as pd
import pytest
from sqlalchemy import text

from data_access import auth, complete_figures, completeness, queries
from data_access.filters import Filters

PASSWORD = "Correct-Horse-42"


def _dump(conn) -> str:
    rows = []
    for table in ("users", "audit_log"):
        rows += [str(tuple(r)) for r in conn.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(rows)


def test_passwords_are_stored_hashed_and_never_logged(demo_db):
    with demo_db.engine.begin() as conn:
        auth.add_user(conn, "hash_check", "leadership", PASSWORD)
        auth.authenticate(conn, "hash_check", PASSWORD)
        with pytest.raises(auth.AuthError):
            auth.authenticate(conn, "hash_check", PASSWORD + "x")
        everything = _dump(conn)
        stored = conn.execute(text("SELECT password_hash FROM users WHERE username='hash_check'")).scalar()
    assert PASSWORD not in everything and PASSWORD + "x" not in everything
    assert stored.startswith("$argon2")


def test_lock_out_after_repeated_failures_then_unlock(demo_db):
    t0 = dt.datetime(2026, 1, 5, 9, 0)
    with demo_db.engine.begin() as conn:
        auth.add_user(conn, "lock_check", "leadership", PASSWORD)
        for _ in range(auth.MAX_FAILED - 1):
            with pytest.raises(auth.AuthError, match="用户名或密码不正确"):
                auth.authenticate(conn, "lock_check", "wrong-password", at=t0)
        with pytest.raises(auth.AuthError, match="已锁定"):
            auth.authenticate(conn, "lock_check", "wrong-password", at=t0)
        # locked: even the right password is refused until the lock ends
        with pytest.raises(auth.AuthError, match="锁定"):
            auth.authenticate(conn, "lock_check", PASSWORD, at=t0 + dt.timedelta(minutes=5))
        p = auth.authenticate(conn, "lock_check", PASSWORD, at=t0 + dt.timedelta(minutes=auth.LOCK_MINUTES + 1))
        assert p.role == "leadership" and p.scope is None
        failures = conn.execute(
            text("SELECT COUNT(*) FROM audit_log WHERE username='lock_check' AND action='login_failed' AND ok=0")
        ).scalar()
        ok = conn.execute(
            text("SELECT COUNT(*) FROM audit_log WHERE username='lock_check' AND action='login_ok' AND ok=1")
        ).scalar()
    assert failures == auth.MAX_FAILED + 1 and ok == 1


def test_disabled_account_and_unknown_user(demo_db):
    with demo_db.engine.begin() as conn:
        auth.add_user(conn, "gone", "leadership", PASSWORD)
        auth.set_active(conn, "gone", False, by="tester")
        with pytest.raises(auth.AuthError, match="停用"):
            auth.authenticate(conn, "gone", PASSWORD)
        # a wrong password is told what an unknown name is told: nothing says the account exists
        with pytest.raises(auth.AuthError) as wrong:
            auth.authenticate(conn, "gone", "Not-The-Password-9")
        with pytest.raises(auth.AuthError) as unknown:
            auth.authenticate(conn, "nobody-here", PASSWORD)
        assert str(wrong.value) == str(unknown.value) == "用户名或密码不正确"
        actions = [
            r[0]
            for r in conn.execute(
                text("SELECT action FROM audit_log WHERE username IN ('gone', 'tester', 'nobody-here') ORDER BY id")
            )
        ]
    assert actions[-4:] == ["user_disable", "login_failed", "login_failed", "login_failed"]
    # the login form's path (the attempt committed before the check) answers the same
    wrong_login = auth.login(demo_db.engine, "gone", "Not-The-Password-9")
    assert wrong_login.error == auth.login(demo_db.engine, "nobody-here", PASSWORD).error == "用户名或密码不正确"
    assert auth.login(demo_db.engine, "gone", PASSWORD).error == "账号已停用，请联系系统管理员"


def test_roles_and_county_rules(demo_db):
    with demo_db.engine.begin() as conn:
        county = queries.all_counties(conn)["code"].iloc[0]
        with pytest.raises(auth.AuthError, match="必须指定"):
            auth.add_user(conn, "c1", "county", PASSWORD)
        with pytest.raises(auth.AuthError, match="不是本库中的县"):
            auth.add_user(conn, "c1", "county", PASSWORD, county_code="990199000000")
        with pytest.raises(auth.AuthError, match="至少"):
            auth.add_user(conn, "c1", "county", "short", county_code=county)
        auth.add_user(conn, "c1", "county", PASSWORD, county_code=county)
        p = auth.authenticate(conn, "c1", PASSWORD)
    assert p.scope == (county,)
    assert not p.can("load") and p.can("export")
    assert auth.Principal("x", "data_staff").can("load") and not auth.Principal("x", "data_staff").can("audit")
    assert auth.Principal("x", "admin").can("audit") and not auth.ANONYMOUS.can("load")


# ---------------------------------------------------------------- scope, every query

# arguments for query functions that need more than (conn, f); a new function with other
# required arguments makes test_every_query_function_is_covered fail until it is added here
EXAMPLE_ARGS: dict[str, tuple] = {
    "indicator_series": (["emp_new", "rights_legal_aid", "org_township_coverage", "social_volunteers"],),
    "kpis": (["emp_new", "social_donations"],),
    "county_table": (["emp_new", "rights_legal_aid"],),
    "coverage_counts": (2025, "village", ("county",)),
    "coverage_by_year": ((2024, 2025), "village", ("county",)),
    "plan_attainment": (["emp_new", "rehab_funds"],),
    "plan_summary": (["emp_new", "rehab_funds"],),
}
EXAMPLE_KWARGS: dict[str, dict] = {"indicator_series": {"by": ("county", "year")}}
CODE_COLUMNS = ("county_code", "code", "area_code", "township_code", "village_code")


# the modules whose scoped functions (conn, f, …) are checked: the query package and the figures
# told on coverage above it (complete_figures: kpis_complete, like_for_like, county_values …)
SCOPED_MODULES = (queries, complete_figures)


def _module_examples() -> None:
    """A query module may declare ``EXAMPLES = {name: (args, kwargs)}`` for its own functions."""
    import importlib
    import pkgutil

    mods = [importlib.import_module(f"{queries.__name__}.{m.name}") for m in pkgutil.iter_modules(queries.__path__)]
    for mod in [*mods, completeness, complete_figures]:
        for name, (args, kwargs) in getattr(mod, "EXAMPLES", {}).items():
            EXAMPLE_ARGS.setdefault(name, tuple(args))
            EXAMPLE_KWARGS.setdefault(name, dict(kwargs))


_module_examples()


def _scoped_functions():
    for module in SCOPED_MODULES:
        for name in module.__all__:
            fn = getattr(module, name)
            if not callable(fn) or inspect.isclass(fn):
                continue
            params = list(inspect.signature(fn).parameters.values())
            if len(params) >= 2 and params[0].name == "conn" and params[1].name == "f":
                yield name, fn, params


def test_every_query_function_is_covered():
    missing = []
    for name, _fn, params in _scoped_functions():
        required = [p for p in params[2:] if p.default is inspect.Parameter.empty]
        if required and name not in EXAMPLE_ARGS:
            missing.append(name)
    assert missing == [], "add example arguments for these query functions to EXAMPLE_ARGS"


def _frames(result):
    if isinstance(result, pd.DataFrame):
        yield result
    elif isinstance(result, dict):
        for v in result.values():
            yield from _frames(v)
    elif isinstance(result, list | tuple):
        for v in result:
            yield from _frames(v)


def _without(result, code: str):
    """``result`` without rows naming area ``code`` (the city's own: every role may see them)."""
    if isinstance(result, pd.DataFrame):
        keep = pd.Series(True, index=result.index)
        for col in CODE_COLUMNS:
            if col in result.columns:
                keep &= result[col].astype(str) != code
        return result[keep]
    if isinstance(result, dict):
        return {k: _without(v, code) for k, v in result.items()}
    if isinstance(result, list | tuple):
        # a record (a dict with an area code) of the city is left out as a row would be
        own = [v for v in result if not (isinstance(v, dict) and code in (v.get(c) for c in CODE_COLUMNS))]
        return type(result)(_without(v, code) for v in own)
    return result


def _same(name: str, got, want) -> None:
    got_frames, want_frames = list(_frames(got)), list(_frames(want))
    assert len(got_frames) == len(want_frames), name
    if not got_frames:
        assert got == want, name
    for g, w in zip(got_frames, want_frames, strict=True):
        pd.testing.assert_frame_equal(g.reset_index(drop=True), w.reset_index(drop=True), obj=name)


NOWHERE = "990199999999"  # a county code no area has


def _a_gap_in(conn, county: str) -> dict[str, tuple]:
    """The demo city has no gap (its townships and villages are all covered): one in ``county``,
    with a history row and an evidence file, in the caller's transaction (rolled back when its
    connection closes). Returns the gap functions' example arguments naming them."""
    from sqlalchemy import insert

    from data_access.models import Gap, GapEvent, GapEvidence

    at = dt.datetime(2026, 3, 1, 9, 0)
    area = conn.execute(
        text("SELECT code FROM areas WHERE level = 'village' AND county_code = :c ORDER BY code"), {"c": county}
    ).scalar()
    assert area is not None, county
    gap = conn.execute(
        insert(Gap).values(
            area_code=area, county_code=county, level="village", missing="none", state="open",
            opened_on=at.date(), updated_at=at, updated_by="数据",
        )
    ).inserted_primary_key[0]  # fmt: skip
    conn.execute(
        insert(GapEvent).values(gap_id=gap, at=at, username="数据", action="opened", detail="数据显示未建立组织")
    )
    evidence = conn.execute(
        insert(GapEvidence).values(
            gap_id=gap, file_name="照片.png", mime="image/png", data=b"png", uploaded_by="tester", uploaded_at=at
        )
    ).inserted_primary_key[0]
    return {"gap_history": (gap,), "gap_evidence_files": (gap,), "gap_evidence_file": (evidence,)}


def test_every_query_function_keeps_to_the_users_county(demo_db):
    """A county user sees exactly what the same query gives for their county alone, and a
    county chosen outside the scope gives what a county with no records gives — for every
    query function, whether or not its result names areas (kpis, county_table, breakdowns).
    Rows of the city itself (its plan targets, with city-wide totals) are every role's."""
    with demo_db.engine.connect() as conn:
        city = conn.execute(text("SELECT code FROM areas WHERE level = 'city'")).scalar()
        codes = list(queries.all_counties(conn)["code"])
        mine, other = codes[2], codes[5]
        # a gap of the other county: the gap functions must not show it to the user (their
        # results name no area, so the comparisons below alone would not see it shown)
        examples = {**EXAMPLE_ARGS, **_a_gap_in(conn, other)}
        theirs, yours = Filters(2025, counties=(other,)), Filters(2025, counties=(other,), scope=(mine,))
        for name in ("gap_history", "gap_evidence_files", "gap_evidence_file"):
            fn, args = getattr(queries, name), examples[name]
            shown = fn(conn, theirs, *args)  # the county's own staff see it
            assert shown is not None and not (isinstance(shown, pd.DataFrame) and shown.empty), name
            seen = fn(conn, yours, *args)
            assert seen is None or seen.empty, f"{name} shows another county's gap"
        checked = 0
        for name, fn, _ in _scoped_functions():
            args, kwargs = examples.get(name, ()), EXAMPLE_KWARGS.get(name, {})
            scoped = Filters(2025, year_from=2019, scope=(mine,))
            crafted = Filters(2025, year_from=2019, counties=(other,), scope=(mine,))
            for f in (scoped, crafted):
                for frame in _frames(fn(conn, f, *args, **kwargs)):
                    for col in CODE_COLUMNS:
                        if col in frame.columns:
                            values = frame[col].dropna().astype(str)
                            values = values[values.str.fullmatch(r"\d{12}")]  # division codes, not indicator codes
                            bad = values[(values.str[:6] != mine[:6]) & (values != city)]
                            assert bad.empty, f"{name} returned {col} {sorted(set(bad))[:3]} outside the scope"
            alone = fn(conn, Filters(2025, year_from=2019, counties=(mine,)), *args, **kwargs)
            _same(f"{name}, scope", _without(fn(conn, scoped, *args, **kwargs), city), _without(alone, city))
            nothing = fn(conn, Filters(2025, year_from=2019, counties=(NOWHERE,)), *args, **kwargs)
            _same(f"{name}, a county outside the scope", fn(conn, crafted, *args, **kwargs), nothing)
            checked += 1
    assert checked >= 30


def test_a_load_is_audited_with_who_and_what(demo_db):
    from data_access import loading

    with demo_db.engine.connect() as conn:
        frame = loading.table_frame(conn, "donations", year=2025)
    res = loading.load_file(demo_db.engine, loading.csv_bytes(frame), "捐赠2025.csv", "loader_li")
    assert res.status == "done" and res.rows_replaced == len(frame)
    with demo_db.engine.connect() as conn:
        who, action, detail = conn.execute(
            text("SELECT username, action, detail FROM audit_log WHERE action='load' ORDER BY id DESC")
        ).first()
    assert (who, action) == ("loader_li", "load") and "捐赠2025.csv" in detail and f"替换 {len(frame)} 行" in detail
