"""The CLI says a lock timeout is a lock timeout (issue 30, finding 9): with another program
holding the SQLite file's write lock, ``python -m data_access init`` answers in Chinese that
the database is in use, not that its schema could not be created or upgraded."""

from __future__ import annotations

import sqlite3

from data_access.__main__ import main
from data_access.db import open_database


def test_a_held_lock_is_reported_as_a_lock(tmp_path, capsys):
    path = tmp_path / "busy.sqlite"
    url = f"sqlite:///{path}"
    open_database(url).dispose()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another import holds the database (SQLite's busy timeout: 5 s)
    try:
        code = main(["init", "--db", url])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 2
    assert "数据库正被其他程序占用，等待锁超时" in err, err
    assert "结构创建或升级失败" not in err
    assert main(["init", "--db", url]) == 0, "free again: the same command works"
