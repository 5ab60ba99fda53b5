"""A throw-away PostgreSQL server for the tests (Debian's postgresql binaries).

``ARCHIVE_TEST_POSTGRES`` (a SQLAlchemy URL of a server whose user may create databases)
wins; otherwise a server is started in a temporary folder on a free port, as the
``postgres`` user when running as root. Tests that need it skip, with the reason, only when
no server can be started here.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from pathlib import Path


class NoPostgres(Exception):
    pass


def _binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]), None)
    if not found:
        raise NoPostgres(f"{name} not found (apt-get install postgresql)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.sockets = folder / "sockets"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                raise NoPostgres("running as root and there is no postgres user to run the server")
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def start(self) -> str:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        self.sockets.mkdir(parents=True)
        if self.prefix:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run([initdb, "-D", str(self.data), "-A", "trust", "-U", "archive", "-E", "UTF8"])
        self._run([pg_ctl, "-D", str(self.data), "-w", "-l", str(self.folder / "log"), "-o",
                   f"-p {self.port} -k {self.sockets} -c listen_addresses='' -c fsync=off", "start"])
        return f"postgresql+psycopg://archive@/postgres?host={self.sockets}&port={self.port}"

    def stop(self) -> None:
        try:
            self._run([_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"])
        except Exception:
            pass

    def _run(self, cmd: list[str]) -> None:
        result = subprocess.run(self.prefix + cmd, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise NoPostgres(f"{Path(cmd[0]).name} failed: {(result.stderr or result.stdout).strip()[:300]}")


def _admin(admin_url: str):
    from sqlalchemy import create_engine

    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def database_url(admin_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``admin_url``."""
    return admin_url.replace("/postgres?", f"/{name}?", 1) if "/postgres?" in admin_url else \
        admin_url.rsplit("/", 1)[0] + "/" + name


def create_database(admin_url: str, name: str, template: str | None = None) -> str:
    """A new database ``name`` (replacing one of that name), a copy of database ``template``
    when given (``CREATE DATABASE ... TEMPLATE``: a file-level copy, much faster than an
    import); returns its URL."""
    from sqlalchemy import text

    engine = _admin(admin_url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if template:
            # a template must have no other sessions: end any a test left open
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :t AND pid <> pg_backend_pid()"), {"t": template})
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        else:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return database_url(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    from sqlalchemy import text

    engine = _admin(admin_url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main(argv: list[str]) -> int:
    """``python3 tests/pg.py start``: start a server in a new temporary folder and print
    ``URL FOLDER``; ``python3 tests/pg.py stop FOLDER``: stop it and remove the folder.
    (.ci/run starts one server for both test passes this way.)"""
    import tempfile

    if argv[:1] == ["start"]:
        folder = Path(tempfile.mkdtemp(prefix="archive-ci-pg-"))
        try:
            url = Server(folder).start()
        except NoPostgres as exc:
            shutil.rmtree(folder, ignore_errors=True)
            print(f"no PostgreSQL server could be started: {exc}", file=__import__("sys").stderr)
            return 1
        print(url, folder)
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        server = Server.__new__(Server)
        server.folder = Path(argv[1])
        server.data = server.folder / "data"
        server.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
        return 0
    print("usage: pg.py start | pg.py stop FOLDER", file=__import__("sys").stderr)
    return 2


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
