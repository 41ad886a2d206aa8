"""Accounts, roles, scopes and the audit log — the part of access control that needs no UI.

Passwords are hashed with argon2 (argon2-cffi); only the hash is stored, and no
function here logs or returns a password. Repeated failed logins lock an account
for a while. Every login (success and failure), load, export and account change
is written to ``audit_log`` by :func:`audit`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, insert, select, update

from .models import Area, AuditEntry, User, WebSession, inserted_id

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
# which roles a role may grant (and whose accounts it may change): only those below its
# own; the administrator, at the top, may grant every role (the CLI, run on the server,
# as well). A role missing here ranks lowest and grants nothing.
RANK = {"leadership": 1, "county": 1, "data_staff": 2, "admin": 3}
MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
PASSPHRASE_WORDS = 4  # a passphrase: this many words, then one character class is enough
COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "assets" / "common-passwords.txt"

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


@functools.cache
def _common() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def _classes(pw: str) -> set[str]:
    out = set()
    for ch in pw:
        if ch.isdigit():
            out.add("digit")
        elif ch.isascii() and ch.isalpha():
            out.add("upper" if ch.isupper() else "lower")
        elif ch.isalpha():
            out.add("letter")  # 汉字 and other scripts
        elif not ch.isspace():
            out.add("symbol")
    return out


def password_problem(password: str, username: str = "") -> str | None:
    """Why a password is too weak, in Chinese; None when it may be used."""
    pw = password or ""
    words = pw.split()
    if not pw.strip():
        return "密码不能全是空格"
    if len(pw) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 位（也可用 {PASSPHRASE_WORDS} 个以上词语、以空格分隔的口令短语）"
    name = (username or "").strip().lower()
    if name and (pw.strip().lower() == name or (len(name) >= 3 and name in pw.lower())):
        return "密码不能是用户名，也不能包含用户名"
    low = pw.strip().lower()
    base = re.sub(r"[\d\W_]+$", "", low)
    if low in _common() or base in _common() or len(set(low)) <= 2:
        return "这个密码太常见、很容易被猜中，请换一个"
    passphrase = len(words) >= PASSPHRASE_WORDS and all(len(w) >= 2 for w in words)
    if len(_classes(pw)) < 2 and not passphrase:
        return "密码不能只有一类字符：请混用字母、数字或符号中的至少两类（或使用口令短语）"
    return None


def check_password(password: str, username: str = "") -> None:
    problem = password_problem(password, username)
    if problem:
        raise AuthError(problem)


def may_grant(by_role: str | None, role: str) -> bool:
    """Whether an account of ``by_role`` may give (or change an account of) ``role``;
    ``by_role`` None is the server itself (the CLI)."""
    if by_role is None or by_role == "admin":
        return True
    return RANK.get(role, 0) < RANK.get(by_role, 0)


def _check_grant(by_role: str | None, role: str) -> None:
    if not may_grant(by_role, role):
        mine = ROLES.get(by_role or "", (by_role,))[0]
        raise AuthError(f"{mine}只能设置比自己权限低的角色，不能设置或更改“{ROLES.get(role, (role,))[0]}”账号")


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
    by_role: str | None = None,
    by_county: str | None = None,
) -> None:
    username = (username or "").strip()
    if not username or len(username) > 64:
        raise AuthError("用户名不能为空，且不超过 64 个字符")
    _check_role(conn, role, county_code)
    _check_grant(by_role, role)
    if by_county and county_code != by_county:  # a county's staff: accounts of its own county only
        raise AuthError("县(区)的管理人员只能为本县(区)开设账号，且须指定本县(区)")
    if conn.execute(select(User.id).where(User.username == username)).first():
        raise AuthError(f"用户“{username}”已存在")
    if password is not None:
        check_password(password, username)
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


def _role_of(conn: Connection, username: str) -> str:
    role = conn.execute(select(User.role).where(User.username == username)).scalar()
    if role is None:
        raise AuthError(f"用户“{username}”不存在")
    return role


def set_active(
    conn: Connection,
    username: str,
    active: bool,
    by: str = "system",
    by_role: str | None = None,
    by_county: str | None = None,
) -> None:
    _check_grant(by_role, _role_of(conn, username))
    if by_county and conn.execute(select(User.county_code).where(User.username == username)).scalar() != by_county:
        raise AuthError("县(区)的管理人员只能停用或启用本县(区)的账号")
    res = conn.execute(
        update(User).where(User.username == username).values(active=int(active), failed_logins=0, locked_until=None)
    )
    if res.rowcount == 0:
        raise AuthError(f"用户“{username}”不存在")
    if not active:
        end_user_sessions(conn, username)
    audit(conn, by, "user_enable" if active else "user_disable", username)


def set_password(
    conn: Connection, username: str, password: str, by: str = "system", by_role: str | None = None
) -> None:
    _check_grant(by_role, _role_of(conn, username))
    check_password(password, username)
    res = conn.execute(update(User).where(User.username == username).values(password_hash=hash_password(password)))
    if res.rowcount == 0:
        raise AuthError(f"用户“{username}”不存在")
    end_user_sessions(conn, username)  # a new password signs out every browser
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


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("no such user: the same work as a wrong password")


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


GENERIC = "用户名或密码不正确"
DISABLED = "账号已停用，请联系系统管理员"


def _reserve(conn: Connection, username: str, at: dt.datetime):
    """Count this attempt before the password is checked, in one UPDATE (so attempts in
    parallel each see the others), and say whether it may be checked at all.

    Returns (user row or None, refusal or None). An account whose count passes
    ``MAX_FAILED`` is locked; at most ``MAX_FAILED`` guesses are ever verified per lock."""
    u = conn.execute(select(User.__table__).where(User.username == username)).first()
    if u is None:
        return None, None
    if not u.active:  # told only to whoever knows its password (_settle): no count, no lock
        return u, None
    t = User.__table__
    free = (t.c.locked_until.is_(None)) | (t.c.locked_until <= at)
    res = conn.execute(
        update(t).where(t.c.id == u.id, free).values(failed_logins=t.c.failed_logins + 1, locked_until=None)
    )
    u = conn.execute(select(t).where(t.c.id == u.id)).one()
    if res.rowcount == 0:  # locked
        audit(conn, username, "login_failed", "账号锁定中", ok=False)
        minutes = max(1, int((u.locked_until - at).total_seconds() // 60) + 1)
        return u, f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试"
    if u.failed_logins > MAX_FAILED:  # others' guesses used up the attempts while this one waited
        _lock(conn, u.id, at)
        audit(conn, username, "login_failed", "账号已锁定", ok=False)
        return u, f"登录失败次数过多，账号已锁定 {LOCK_MINUTES} 分钟"
    return u, None


def _lock(conn: Connection, user_id: int, at: dt.datetime) -> None:
    conn.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_logins=0, locked_until=at + dt.timedelta(minutes=LOCK_MINUTES))
    )


def _settle(conn: Connection, u, username: str, ok: bool, at: dt.datetime) -> Principal:
    """After the check: reset the count on success; on the last allowed failure, lock."""
    if u is None:
        audit(conn, username[:64], "login_failed", "无此用户", ok=False)
        raise AuthError(GENERIC)
    if not u.active:
        # a wrong password gets the same answer as an unknown name: the refusal does not tell
        # that the account exists; with the right one the user learns why they cannot sign in
        audit(conn, username, "login_failed", "账号已停用" + ("" if ok else "，密码错误"), ok=False)
        raise AuthError(DISABLED if ok else GENERIC)
    if ok:
        conn.execute(update(User).where(User.id == u.id).values(failed_logins=0, locked_until=None, last_login_at=at))
        audit(conn, username, "login_ok")
        return Principal(u.username, u.role, u.county_code, u.display_name)
    count = conn.execute(select(User.failed_logins).where(User.id == u.id)).scalar() or 0
    locked = count >= MAX_FAILED
    if locked:
        _lock(conn, u.id, at)
    audit(conn, username, "login_failed", "密码错误" + ("，账号已锁定" if locked else ""), ok=False)
    if locked:
        raise AuthError(f"登录失败次数过多，账号已锁定 {LOCK_MINUTES} 分钟")
    raise AuthError(GENERIC)


def authenticate(conn: Connection, username: str, password: str, at: dt.datetime | None = None) -> Principal:
    """Check a password in the caller's transaction; count failures, lock after
    ``MAX_FAILED``; audit either way. An unknown user costs the same hash check as a
    wrong password (no telling by time whether an account exists).

    Raises AuthError with a message that does not tell whether the user exists.
    """
    at = at or now()
    u, refusal = _reserve(conn, username, at)
    if refusal:
        raise AuthError(refusal)
    ok = _verify(u.password_hash if u is not None else None, password)
    return _settle(conn, u, username, ok, at)


def login(engine: Engine, username: str, password: str, at: dt.datetime | None = None) -> LoginResult:
    """What the login form uses: the attempt is counted and committed *before* the slow
    password check, so guesses sent in parallel cannot all pass the lock-out, and no
    lock is held while the hash is computed."""
    at = at or now()
    with engine.begin() as conn:
        u, refusal = _reserve(conn, username, at)
    if refusal:
        return LoginResult(None, refusal)
    ok = _verify(u.password_hash if u is not None else None, password)
    with engine.begin() as conn:  # a refusal commits too: its audit entry and the lock
        try:
            result = LoginResult(_settle(conn, u, username, ok, at))
        except AuthError as exc:
            result = LoginResult(None, str(exc))
    return result


def is_active(conn: Connection, username: str) -> bool:
    return bool(conn.execute(select(User.active).where(User.username == username)).scalar())


@dataclass(frozen=True)
class LoginResult:
    principal: Principal | None
    error: str | None = None


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


# ------------------------------------------------------------------ sessions

SESSION_HOURS = 12  # however active, a session ends after this; idle expiry is the setting


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


TICKET_SECONDS = 60  # the page exchanges its ticket for the cookie within this


@dataclass(frozen=True)
class SignIn:
    """A session just made: its row id (what the app keeps) and the one-time ticket the page
    exchanges for the HttpOnly cookie (the cookie's token is made by that exchange)."""

    session_id: int
    ticket: str


def new_session(conn: Connection, username: str, at: dt.datetime | None = None) -> SignIn:
    """A session row and its one-time ticket; only hashes are stored. The session has no
    usable token until :func:`redeem_ticket` makes one (no script ever sees it)."""
    at = at or now()
    ticket = secrets.token_urlsafe(32)
    res = conn.execute(
        insert(WebSession).values(
            token_hash=_token_hash(secrets.token_urlsafe(32)),  # placeholder nobody holds
            ticket_hash=_token_hash(ticket),
            ticket_expires_at=at + dt.timedelta(seconds=TICKET_SECONDS),
            username=username,
            created_at=at,
            last_seen_at=at,
            expires_at=at + dt.timedelta(hours=SESSION_HOURS),
        )
    )
    return SignIn(inserted_id(res), ticket)


def redeem_ticket(conn: Connection, ticket: str | None, at: dt.datetime | None = None) -> str | None:
    """The cookie's token for a ticket — once, within ``TICKET_SECONDS``, for a live session
    of an active account; None otherwise. The token replaces the session's placeholder hash."""
    if not ticket or len(ticket) > 200:
        return None
    at = at or now()
    s = WebSession.__table__
    th = _token_hash(ticket)
    row = conn.execute(
        select(s.c.id)
        .join(User, User.username == s.c.username)
        .where(
            s.c.ticket_hash == th,
            s.c.ticket_expires_at >= at,
            s.c.revoked_at.is_(None),
            s.c.expires_at > at,
            User.active == 1,
        )
    ).first()
    if row is None:
        return None
    token = secrets.token_urlsafe(32)
    res = conn.execute(
        update(s)
        .where(s.c.id == row.id, s.c.ticket_hash == th)  # once: a second exchange finds no row
        .values(token_hash=_token_hash(token), ticket_hash=None, ticket_expires_at=None)
    )
    return token if res.rowcount == 1 else None


def _live(at: dt.datetime, idle_minutes: int):
    s = WebSession.__table__
    return (
        s.c.revoked_at.is_(None),
        s.c.expires_at > at,
        s.c.last_seen_at >= at - dt.timedelta(minutes=idle_minutes),
        User.active == 1,
    )


def _touch(conn: Connection, row, at: dt.datetime) -> None:
    if at - row.last_seen_at > dt.timedelta(seconds=30):  # not a write on every click
        conn.execute(update(WebSession).where(WebSession.id == row.id).values(last_seen_at=at))


def session_for_token(
    conn: Connection, token: str | None, idle_minutes: int, at: dt.datetime | None = None
) -> tuple[int, Principal] | None:
    """The session (id) and who a cookie's token signs in — if the session is neither ended,
    expired nor idle for longer than ``idle_minutes``, and its account is active; the
    session's last use is updated."""
    if not token or len(token) > 200:
        return None
    at = at or now()
    s = WebSession.__table__
    row = conn.execute(
        select(s.c.id, s.c.last_seen_at, User.username, User.role, User.county_code, User.display_name)
        .join(User, User.username == s.c.username)
        .where(s.c.token_hash == _token_hash(token), s.c.ticket_hash.is_(None), *_live(at, idle_minutes))
    ).first()
    if row is None:
        return None
    _touch(conn, row, at)
    return row.id, Principal(row.username, row.role, row.county_code, row.display_name)


def session_alive(conn: Connection, session_id: int | None, idle_minutes: int, at: dt.datetime | None = None) -> bool:
    """Whether the app's session (by id) still holds: every run checks it, so logout in
    another tab, disabling the account or a new password end it at the next click."""
    if session_id is None:
        return False
    at = at or now()
    s = WebSession.__table__
    row = conn.execute(
        select(s.c.id, s.c.last_seen_at)
        .join(User, User.username == s.c.username)
        .where(s.c.id == session_id, *_live(at, idle_minutes))
    ).first()
    if row is None:
        return False
    _touch(conn, row, at)
    return True


def end_session(conn: Connection, token: str | None = None, session_id: int | None = None) -> None:
    """Revoke a session by its cookie's token or by its id."""
    if not token and session_id is None:
        return
    cond = WebSession.token_hash == _token_hash(token) if token else WebSession.id == session_id
    conn.execute(
        update(WebSession)
        .where(cond, WebSession.revoked_at.is_(None))
        .values(revoked_at=now(), ticket_hash=None, ticket_expires_at=None)
    )


def end_user_sessions(conn: Connection, username: str) -> None:
    conn.execute(
        update(WebSession)
        .where(WebSession.username == username, WebSession.revoked_at.is_(None))
        .values(revoked_at=now())
    )
