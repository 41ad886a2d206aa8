"""Accounts under attack (issue 20): the password policy, lock-out against guesses sent
in parallel, roles granting only roles below their own, no telling by time whether an
account exists. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from data_access import auth
from data_access.models import User
from tests.conftest import Database

PASSWORD = "Correct-Horse-42"


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def db(request, tmp_path_factory):
    d = Database(request.param, tmp_path_factory)
    yield d
    d.drop()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 8, "密码不能全是空格"),
        (" " * 12, "密码不能全是空格"),
        ("aaaaaaaa", "密码至少 10 位"),
        ("12345678", "密码至少 10 位"),
        ("aaaaaaaaaaaa", "这个密码太常见、很容易被猜中，请换一个"),
        ("1234567890", "这个密码太常见、很容易被猜中，请换一个"),
        ("Password2025!", "这个密码太常见、很容易被猜中，请换一个"),
        ("woaini1314520", "这个密码太常见、很容易被猜中，请换一个"),
        ("kxqzvbnmwt", "密码不能只有一类字符：请混用字母、数字或符号中的至少两类（或使用口令短语）"),
        ("8204719365", "密码不能只有一类字符：请混用字母、数字或符号中的至少两类（或使用口令短语）"),
        ("Wang.Fang-2025", "密码不能是用户名，也不能包含用户名"),
    ],
)
def test_weak_passwords_are_refused_saying_why(db, password, reason):
    with db.engine.begin() as conn:
        with pytest.raises(auth.AuthError) as exc:
            auth.add_user(conn, "wang.fang", "leadership", password)
        assert str(exc.value).startswith(reason)
        assert conn.execute(select(User.id).where(User.username == "wang.fang")).first() is None


@pytest.mark.parametrize("password", [PASSWORD, "river window tall green", "残联数据2025年报"])
def test_good_passwords_and_passphrases_are_accepted(db, password):
    name = f"ok{abs(hash(password)) % 10**6}"
    with db.engine.begin() as conn:
        auth.add_user(conn, name, "leadership", password)
    assert auth.login(db.engine, name, password).principal.username == name


def test_the_same_policy_applies_to_a_new_password(db):
    with db.engine.begin() as conn:
        auth.add_user(conn, "pw_change", "leadership", PASSWORD)
        with pytest.raises(auth.AuthError, match="太常见"):
            auth.set_password(conn, "pw_change", "qwerty123456")


def test_parallel_guesses_do_not_get_past_the_lock_out(db):
    with db.engine.begin() as conn:
        auth.add_user(conn, "target", "leadership", PASSWORD)
    t0 = auth.now()
    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(lambda i: auth.login(db.engine, "target", f"guess-{i}-xyz", at=t0), range(30)))
    assert all(r.principal is None for r in results)
    with db.engine.connect() as conn:
        checked = conn.execute(
            text("SELECT COUNT(*) FROM audit_log WHERE username='target' AND detail LIKE '密码错误%'")
        ).scalar()
        locked_until = conn.execute(select(User.locked_until).where(User.username == "target")).scalar()
    assert checked == auth.MAX_FAILED, f"{checked} of 30 guesses were checked"
    assert locked_until is not None and locked_until > t0
    # and the right password is refused while locked
    assert "锁定" in auth.login(db.engine, "target", PASSWORD, at=t0 + dt.timedelta(minutes=1)).error


def test_a_role_grants_only_roles_below_its_own(db):
    with db.engine.begin() as conn:
        auth.add_user(conn, "boss", "admin", PASSWORD)
        for role in ("admin", "data_staff"):
            with pytest.raises(auth.AuthError, match="数据管理员只能设置比自己权限低的角色"):
                auth.add_user(conn, f"new_{role}", role, PASSWORD, by="staff", by_role="data_staff")
        with pytest.raises(auth.AuthError, match="不能设置或更改“系统管理员”账号"):
            auth.set_active(conn, "boss", False, by="staff", by_role="data_staff")
        with pytest.raises(auth.AuthError):
            auth.set_password(conn, "boss", "Another-Pass-77", by="staff", by_role="data_staff")
        auth.add_user(conn, "new_lead", "leadership", PASSWORD, by="staff", by_role="data_staff")
        auth.add_user(conn, "second_admin", "admin", PASSWORD, by="boss", by_role="admin")
        roles = dict(conn.execute(select(User.username, User.role)).all())
        active = conn.execute(select(User.active).where(User.username == "boss")).scalar()
    assert "new_admin" not in roles and "new_data_staff" not in roles
    assert roles["new_lead"] == "leadership" and roles["second_admin"] == "admin" and active == 1


def test_an_unknown_user_costs_as_much_as_a_wrong_password(db):
    with db.engine.begin() as conn:
        auth.add_user(conn, "timed", "leadership", PASSWORD)

    def cost(name: str) -> float:
        t = time.perf_counter()
        with db.engine.begin() as conn, pytest.raises(auth.AuthError, match="用户名或密码不正确"):
            auth.authenticate(conn, name, "not-the-password-1")
        return time.perf_counter() - t

    cost("nobody")  # warm the dummy hash
    unknown = statistics.median(cost("nobody") for _ in range(3))
    wrong = statistics.median(cost("timed") for _ in range(3))
    with db.engine.begin() as conn:  # leave the account usable
        conn.execute(User.__table__.update().where(User.username == "timed").values(failed_logins=0))
    assert unknown > 0.5 * wrong, f"unknown {unknown * 1000:.0f} ms, wrong password {wrong * 1000:.0f} ms"


def test_a_countys_data_staff_opens_accounts_of_its_own_county_only(db):
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO areas (code, name, level, kind, parent_code, county_code) "
                "VALUES ('990100000000', '示例市', 'city', '市', NULL, NULL), "
                "('990101000000', '中江区', 'county', '区', '990100000000', '990101000000'), "
                "('990102000000', '东林区', 'county', '区', '990100000000', '990102000000')"
            )
        ) if not conn.execute(text("SELECT 1 FROM areas WHERE code = '990101000000'")).first() else None
        by = {"by": "cstaff", "by_role": "data_staff", "by_county": "990101000000"}
        for role, county in (("leadership", None), ("county", "990102000000")):
            with pytest.raises(auth.AuthError, match="只能为本县\\(区\\)开设账号"):
                auth.add_user(conn, f"x_{role}", role, PASSWORD, county, **by)
        auth.add_user(conn, "own_county", "county", PASSWORD, "990101000000", **by)
        auth.add_user(conn, "other_county", "county", PASSWORD, "990102000000")
        with pytest.raises(auth.AuthError, match="只能停用或启用本县"):
            auth.set_active(conn, "other_county", False, **by)
        assert conn.execute(select(User.role).where(User.username == "own_county")).scalar() == "county"
