"""Engines, schema migrations (Alembic), the dictionary seed and the data version.

The lowest module of ``data_access``: it knows the models and the catalog, never the
rollups, the query engine or the demo (a load's finish step is ``data_access.finish``).
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Integer, String, cast, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from . import catalog
from .models import Area, Indicator, Meta
from .quality.defaults import seed_quality

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_KEY = "data_version"


class DatabaseError(RuntimeError):
    """A database problem told in Chinese, naming the server but never the password."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


# seconds; a load's writing transaction lifts the statement limit (``unbounded``)
CONNECT_TIMEOUT = int(os.environ.get("CANLIAN_DB_CONNECT_TIMEOUT", "8"))
DEFAULT_STATEMENT_TIMEOUT = 10
UNBOUNDED_SQLITE_BUSY = 300  # a load waits this long for another writer (SQLite has no statement limit)


def statement_timeout() -> int:
    """Seconds one statement may take before the database cancels it (0: no limit):
    ``CANLIAN_DB_STATEMENT_TIMEOUT``, default 10 — so a database that accepts connections but
    never answers (a held lock, a hung query) gives the Chinese error page, not a spinner.
    On SQLite it is the busy timeout (how long to wait for another writer)."""
    raw = os.environ.get("CANLIAN_DB_STATEMENT_TIMEOUT", "").strip()
    try:
        return max(0, int(raw)) if raw else DEFAULT_STATEMENT_TIMEOUT
    except ValueError:
        return DEFAULT_STATEMENT_TIMEOUT


def _limit_sql(dialect: str, seconds: int, mariadb: bool = True) -> str | None:
    if dialect == "postgresql":
        return f"SET statement_timeout = {int(seconds) * 1000}"
    if dialect == "mysql":
        return (
            f"SET SESSION max_statement_time = {int(seconds)}"
            if mariadb
            else f"SET SESSION max_execution_time = {int(seconds) * 1000}"  # MySQL: SELECTs only
        )
    if dialect == "sqlite":
        return f"PRAGMA busy_timeout = {int(seconds) * 1000 or UNBOUNDED_SQLITE_BUSY * 1000}"
    return None


def unbounded(conn: Connection) -> None:
    """Lift the statement limit for the rest of this transaction: a load, a migration or a
    summary rebuild may run one statement for longer than a page may wait. The limit is
    back when the connection returns to the pool (PostgreSQL: ``SET LOCAL``, undone at the
    transaction's end; MariaDB and SQLite: set again at check-in)."""
    name = conn.dialect.name
    if name == "postgresql":
        conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
        return
    if name == "mysql":
        sql = _limit_sql("mysql", 0, _is_mariadb(conn.connection.dbapi_connection))
        assert sql is not None  # every dialect we serve has a statement limit
        conn.exec_driver_sql(sql)
    elif name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {UNBOUNDED_SQLITE_BUSY * 1000}")
    else:
        return
    conn.connection.info["canlian_unbounded"] = True


def _is_mariadb(dbapi_conn) -> bool:
    try:
        return "mariadb" in str(dbapi_conn.get_server_info()).lower()
    except Exception:  # not pymysql: assume the project's server
        return True


def is_timeout(exc: BaseException) -> bool:
    """Whether a database error is a statement cancelled by its time limit (or, on SQLite,
    a lock that did not come free in the busy timeout)."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "57014":  # PostgreSQL query_canceled
        return True
    args = getattr(orig, "args", ())
    if args and args[0] in (1969, 3024):  # MariaDB max_statement_time, MySQL max_execution_time
        return True
    msg = str(orig).lower()
    return "statement timeout" in msg or "max_statement_time" in msg or "database is locked" in msg


def is_lock_timeout(exc: BaseException) -> bool:
    """Whether a database error is a wait for another's lock that ran out: SQLite's busy
    timeout, PostgreSQL's lock_timeout (55P03), MariaDB/MySQL's lock wait timeout (1205)."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "55P03":
        return True
    args = getattr(orig, "args", ())
    if args and args[0] in (1205, 3572):
        return True
    msg = str(orig).lower()
    return "database is locked" in msg or "database table is locked" in msg or "lock timeout" in msg


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: show nothing of it that could hold a secret
        return "(无法解析的地址)"


def normalise_url(url: str) -> str:
    """Pick the drivers we install for bare scheme names."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("mysql://") or url.startswith("mariadb://"):
        return "mysql+pymysql://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, statement_timeout_s: int | None = None, **kw) -> Engine:
    """An engine with the project's settings; ``statement_timeout_s`` (seconds, 0 = none)
    defaults to :func:`statement_timeout`."""
    limit = statement_timeout() if statement_timeout_s is None else statement_timeout_s
    url = normalise_url(url)
    try:
        u = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError("数据库地址格式不正确，请检查 DATABASE_URL。", str(exc)) from exc
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        kw.setdefault("connect_args", {"timeout": limit or UNBOUNDED_SQLITE_BUSY})
    elif u.get_backend_name() == "postgresql":
        # a server that accepts the connection but never answers must not hold a page for minutes
        args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT}
        if limit:
            args["options"] = f"-c statement_timeout={limit * 1000}"
        kw.setdefault("connect_args", args)
    elif u.get_backend_name() == "mysql":
        kw.setdefault("connect_args", {"connect_timeout": CONNECT_TIMEOUT})
        kw.setdefault("pool_recycle", 3600)
        # PostgreSQL's level: a statement reads what is committed when it starts, and
        # INSERT … SELECT reads without locking the rows it reads — so a load's finish
        # step never waits for (or deadlocks with) another load still writing its facts
        kw.setdefault("isolation_level", "READ COMMITTED")
        u = u.update_query_dict({"charset": "utf8mb4"})
    kw.setdefault("pool_pre_ping", True)
    try:
        engine = create_engine(u, **kw)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"不支持的数据库类型或缺少驱动：{u.drivername}", str(exc)) from exc
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            # WAL's recommended level: no corruption on power loss, far fewer fsyncs on loads
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    if engine.dialect.name == "mysql" and limit:

        @event.listens_for(engine, "connect")
        def _mysql_limit(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute(_limit_sql("mysql", limit, _is_mariadb(dbapi_conn)))
            cur.close()

    if engine.dialect.name in ("mysql", "sqlite"):

        @event.listens_for(engine, "checkin")
        def _limit_again(dbapi_conn, record):
            """After ``unbounded``: the page's limit again before the connection is reused."""
            if dbapi_conn is None or not record.info.pop("canlian_unbounded", False):
                return
            cur = dbapi_conn.cursor()
            cur.execute(_limit_sql(engine.dialect.name, limit, _is_mariadb(dbapi_conn)))
            cur.close()

    return engine


def check_connection(engine: Engine) -> None:
    """Connect once, turning driver errors into a Chinese message."""
    where = safe_url(engine.url.render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        msg = str(getattr(exc, "orig", exc)).lower()
        if "password" in msg or "authentication" in msg or "access denied" in msg:
            why = "用户名或密码不正确"
        elif "does not exist" in msg or "unknown database" in msg:
            why = "数据库不存在"
        elif (
            "could not translate host" in msg
            or "name or service not known" in msg
            or ("unknown" in msg and "host" in msg)
        ):
            why = "服务器主机名无法解析"
        elif "refused" in msg or "timeout" in msg or "can't connect" in msg or "timed out" in msg:
            why = "无法连接到数据库服务器（服务器未启动、端口错误或网络不通）"
        elif "unable to open database file" in msg:
            why = "无法打开数据库文件（路径不存在或没有权限）"
        else:
            why = "连接数据库失败"
        # the driver's text can contain the URL; strip anything that looks like a password
        detail = _redact(str(getattr(exc, "orig", exc)), engine)
        raise DatabaseError(f"{why}：{where}", detail) from exc


def _redact(text_: str, engine: Engine) -> str:
    pw = engine.url.password
    return text_.replace(str(pw), "***") if pw else text_


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration, then seed the dictionary."""
    with engine.begin() as conn:
        unbounded(conn)  # a migration may rewrite a large table
        command.upgrade(alembic_config(conn), "head")
    with engine.begin() as conn:
        seed_catalog(conn)
        seed_meta(conn)
        seed_quality(conn)


def seed_catalog(conn: Connection) -> None:
    """Write the shipped indicator dictionary, updating rows that exist — except the
    entries a federation loaded or changed itself (``batch_id`` set), which are its own."""
    existing = dict(conn.execute(select(Indicator.code, Indicator.batch_id)).all())
    for sort, d in enumerate(catalog.INDICATORS):
        row = d.row(sort)
        if d.code in existing and existing[d.code] is not None:
            continue
        if d.code in existing:
            conn.execute(Indicator.__table__.update().where(Indicator.code == d.code).values(**row))
        else:
            conn.execute(Indicator.__table__.insert().values(**row))


def seed_meta(conn: Connection) -> None:
    """The data version row, so that every load only ever increments it."""
    if conn.execute(select(Meta.key).where(Meta.key == VERSION_KEY)).first() is None:
        conn.execute(Meta.__table__.insert().values(key=VERSION_KEY, value="0"))
    # the row approvals and loads lock (quality.approval.lock_writes)
    if conn.execute(select(Meta.key).where(Meta.key == "approval_lock")).first() is None:
        conn.execute(Meta.__table__.insert().values(key="approval_lock", value="0"))


def is_empty(conn: Connection) -> bool:
    return (conn.execute(select(func.count()).select_from(Area)).scalar() or 0) == 0


def data_version(conn: Connection) -> str:
    """Changes whenever a load changes data; caches key on it."""
    v = conn.execute(select(Meta.value).where(Meta.key == VERSION_KEY)).scalar()
    return v or "0"


def bump_data_version(conn: Connection) -> str:
    """Add one to the data version inside the caller's transaction; returns the new version.

    The increment happens in SQL (``value = value + 1``), so two loads committing at the
    same time move the version by two, never by one: the second UPDATE waits for the
    first's row lock and then adds to the committed value (PostgreSQL, MySQL/MariaDB;
    SQLite has one writer at a time). The row stays locked until the caller commits,
    which also puts concurrent loads' finish steps (``data_access.finish``) in a row.
    The new version shows only when the load commits.
    """
    mv = Meta.__table__.c.value
    bumped = conn.execute(
        Meta.__table__.update().where(Meta.key == VERSION_KEY).values(value=cast(cast(mv, Integer) + 1, String(255)))
    )
    if bumped.rowcount == 0:  # a database from before the row was seeded
        conn.execute(Meta.__table__.insert().values(key=VERSION_KEY, value="1"))
    return data_version(conn)


def open_database(url: str) -> Engine:
    """Engine for url, the connection checked, the schema upgraded. Writes no data:
    filling an empty database with the demo is the start-up's decision (``demo.ensure_demo``)."""
    engine = make_engine(url)
    check_connection(engine)
    try:
        upgrade(engine)
    except SQLAlchemyError as exc:
        detail = _redact(str(exc), engine)
        if is_lock_timeout(exc):  # not a broken schema: another program holds the database
            raise DatabaseError(
                f"数据库正被其他程序占用，等待锁超时（另一个导入、升级或审核可能正在进行，请稍后再试）：{safe_url(url)}",
                detail,
            ) from exc
        if is_timeout(exc):
            raise DatabaseError(f"数据库操作超时（数据库繁忙，请稍后再试）：{safe_url(url)}", detail) from exc
        raise DatabaseError(f"数据库结构创建或升级失败：{safe_url(url)}", detail) from exc
    return engine
