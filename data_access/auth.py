"""Accounts, roles, scopes and the audit log — the part of access control that needs no UI.

Passwords are hashed with argon2 (argon2-cffi); only the hash is stored, and no
function here logs or returns a password. Repeated failed logins lock an account
for a while. Every login (success and failure), load, export and account change
is written to ``audit_log`` by :func:`audit`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, insert, select, update

from .models import Area, AuditEntry, User

ROLES = {
    "leadership": ("领导", "Leadership"),
    "county": ("县(区)残联", "County federation"),
    "data_staff": ("数据管理员", "Data staff"),
    "admin": ("系统管理员", "Administrator"),
}
# what each role may do beyond reading its scope
PERMISSIONS = {
    "viewer": frozenset(),  # open mode: read-only, all counties
    "leadership": frozenset({"export"}),
    "county": frozenset({"export"}),
    "data_staff": frozenset({"export", "load", "manage_accounts", "approve"}),
    "admin": frozenset({"export", "load", "manage_accounts", "audit", "approve"}),
}
# a data_staff account with a county is that county's data staff (县(区)数据管理员): loads
# and submits its own county's records only (the load path refuses others), approves nothing
COUNTY_DATA_STAFF = frozenset({"export", "load", "submit"})
COUNTY_ROLES = ("county", "data_staff")  # roles that may (county: must) carry a county
MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8

_hasher = PasswordHasher()


class AuthError(ValueError):
    """A refusal told in Chinese (never containing a password)."""


@dataclass(frozen=True)
class Principal:
    """Who is using the app: name, role and the counties they may see (None = all)."""

    username: str
    role: str
    county_code: str | None = None
    display_name: str | None = None

    @property
    def scope(self) -> tuple[str, ...] | None:
        return (self.county_code,) if self.role in COUNTY_ROLES and self.county_code else None

    @property
    def county_data_staff(self) -> bool:
        return self.role == "data_staff" and bool(self.county_code)

    def can(self, permission: str) -> bool:
        if self.county_data_staff:
            return permission in COUNTY_DATA_STAFF
        return permission in PERMISSIONS.get(self.role, frozenset())


ANONYMOUS = Principal("访客", "viewer")


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def audit(conn: Connection, username: str | None, action: str, detail: str | None = None, ok: bool = True) -> None:
    """Write an audit entry in the caller's transaction."""
    conn.execute(insert(AuditEntry).values(at=now(), username=username, action=action, detail=detail, ok=int(ok)))


def _check_role(conn: Connection, role: str, county_code: str | None) -> None:
    if role not in ROLES:
        raise AuthError(f"未知角色“{role}”，可选：{'、'.join(ROLES)}")
    if role == "county":
        if not county_code:
            raise AuthError("县(区)角色必须指定所属县(区)的区划代码（--county）")
        level = conn.execute(select(Area.level).where(Area.code == county_code)).scalar()
        if level != "county":
            raise AuthError(f"区划代码 {county_code} 不是本库中的县(区)")
    elif county_code and role not in COUNTY_ROLES:
        raise AuthError("只有县(区)角色和县(区)数据管理员（data_staff）才指定所属县(区)")
    elif county_code:
        level = conn.execute(select(Area.level).where(Area.code == county_code)).scalar()
        if level != "county":
            raise AuthError(f"区划代码 {county_code} 不是本库中的县(区)")


def add_user(
    conn: Connection,
    username: str,
    role: str,
    password: str | None,
    county_code: str | None = None,
    display_name: str | None = None,
    by: str = "system",
    oidc_subject: str | None = None,
) -> None:
    username = (username or "").strip()
    if not username or len(username) > 64:
        raise AuthError("用户名不能为空，且不超过 64 个字符")
    _check_role(conn, role, county_code)
    if conn.execute(select(User.id).where(User.username == username)).first():
        raise AuthError(f"用户“{username}”已存在")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AuthError(f"密码至少 {MIN_PASSWORD} 位")
    if password is None and oidc_subject is None:
        raise AuthError("请设置密码")
    conn.execute(
        insert(User).values(
            username=username,
            display_name=display_name,
            role=role,
            county_code=county_code,
            password_hash=hash_password(password) if password is not None else None,
            oidc_subject=oidc_subject,
            active=1,
            failed_logins=0,
            created_at=now(),
        )
    )
    audit(conn, by, "user_add", f"{username} 角色={role}" + (f" 县(区)={county_code}" if county_code else ""))


def set_active(conn: Connection, username: str, active: bool, by: str = "system") -> None:
    res = conn.execute(
        update(User).where(User.username == username).values(active=int(active), failed_logins=0, locked_until=None)
    )
    if res.rowcount == 0:
        raise AuthError(f"用户“{username}”不存在")
    audit(conn, by, "user_enable" if active else "user_disable", username)


def set_password(conn: Connection, username: str, password: str, by: str = "system") -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"密码至少 {MIN_PASSWORD} 位")
    res = conn.execute(update(User).where(User.username == username).values(password_hash=hash_password(password)))
    if res.rowcount == 0:
        raise AuthError(f"用户“{username}”不存在")
    audit(conn, by, "user_password", username)


def list_users(conn: Connection) -> list[dict]:
    cols = (
        User.username,
        User.display_name,
        User.role,
        User.county_code,
        User.active,
        User.failed_logins,
        User.locked_until,
        User.created_at,
        User.last_login_at,
    )
    return [dict(r) for r in conn.execute(select(*cols).order_by(User.username)).mappings()]


def authenticate(conn: Connection, username: str, password: str, at: dt.datetime | None = None) -> Principal:
    """Check a password; count failures, lock after ``MAX_FAILED``; audit either way.

    Raises AuthError with a message that does not tell whether the user exists.
    """
    at = at or now()
    u = conn.execute(select(User.__table__).where(User.username == username)).first()
    generic = "用户名或密码不正确"
    if u is None:
        audit(conn, username[:64], "login_failed", "无此用户", ok=False)
        raise AuthError(generic)
    if not u.active:
        audit(conn, username, "login_failed", "账号已停用", ok=False)
        raise AuthError("账号已停用，请联系系统管理员")
    if u.locked_until and u.locked_until > at:
        audit(conn, username, "login_failed", "账号锁定中", ok=False)
        minutes = max(1, int((u.locked_until - at).total_seconds() // 60) + 1)
        raise AuthError(f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试")
    try:
        ok = bool(u.password_hash) and _hasher.verify(u.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        failed = (u.failed_logins or 0) + 1
        locked = at + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED else None
        conn.execute(
            update(User).where(User.id == u.id).values(failed_logins=0 if locked else failed, locked_until=locked)
        )
        audit(conn, username, "login_failed", "密码错误" + ("，账号已锁定" if locked else ""), ok=False)
        if locked:
            raise AuthError(f"登录失败次数过多，账号已锁定 {LOCK_MINUTES} 分钟")
        raise AuthError(generic)
    conn.execute(update(User).where(User.id == u.id).values(failed_logins=0, locked_until=None, last_login_at=at))
    audit(conn, username, "login_ok")
    return Principal(u.username, u.role, u.county_code, u.display_name)


@dataclass(frozen=True)
class LoginResult:
    principal: Principal | None
    error: str | None = None


def check_login(conn: Connection, username: str, password: str, at: dt.datetime | None = None) -> LoginResult:
    """Like :func:`authenticate`, but returns the refusal instead of raising, so the caller
    commits the failure count and the audit entry whatever the outcome."""
    try:
        return LoginResult(authenticate(conn, username, password, at))
    except AuthError as exc:
        return LoginResult(None, str(exc))


def principal_for_oidc(conn: Connection, subject: str | None, email: str | None) -> Principal | None:
    """Map an identity from the federation's identity provider to a role (None: not enabled here)."""
    conds = []
    if subject:
        conds.append(User.oidc_subject == subject)
    if email:
        conds.append(User.username == email)
    for cond in conds:
        u = conn.execute(select(User.__table__).where(cond, User.active == 1)).first()
        if u is not None:
            conn.execute(update(User).where(User.id == u.id).values(last_login_at=now()))
            audit(conn, u.username, "login_ok", "统一身份认证")
            return Principal(u.username, u.role, u.county_code, u.display_name)
    audit(conn, email or subject, "login_failed", "统一身份认证账号未开通", ok=False)
    return None


def audit_entries(conn: Connection, limit: int = 500) -> list[dict]:
    cols = (AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.detail, AuditEntry.ok)
    stmt = select(*cols).order_by(AuditEntry.id.desc()).limit(limit)
    return [dict(r) for r in conn.execute(stmt).mappings()]
