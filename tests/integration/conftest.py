import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"condition not met within {timeout}s")


@pytest.fixture
def process_env(tmp_path, transactional_db):
    """Environment for child processes: the test database, a file mail backend."""
    if connection.vendor != "postgresql":
        pytest.skip("integration tests share the PostgreSQL test database with child processes")
    db = connection.settings_dict
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return env


class Processes:
    """Starts child processes and always stops them, even when the test fails."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.children: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(self.tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.children.append(child)
        return child

    def redis(self, port: int) -> subprocess.Popen:
        child = self.start(
            f"redis-{port}",
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            os.environ.copy(),
        )
        wait_for(lambda: _answers(port), timeout=10)
        return child

    def celery_worker(self, env: dict, *, beat: bool = False) -> subprocess.Popen:
        args = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "procurement_portal",
            "worker",
            "--pool=solo",
            "-c",
            "1",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
        ]
        if beat:
            args += ["-B", "-s", str(self.tmp_path / "beat-schedule")]
        return self.start("worker", args, env)

    def web(self, env: dict, port: int, *, workers: int = 2) -> subprocess.Popen:
        """The production web server (gunicorn) on loopback, against the test database."""
        child = self.start(
            f"web-{port}",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "procurement_portal.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            env,
        )
        wait_for(lambda: _http_answers(port), timeout=30)
        return child

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text()

    def stop_all(self):
        for child in reversed(self.children):
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _http_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(16).startswith(b"HTTP/")
    except OSError:
        return False


@pytest.fixture
def processes(tmp_path):
    manager = Processes(tmp_path)
    yield manager
    manager.stop_all()


def run_django(code: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run Python code in a separate Django process (like a web request would)."""
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "procurement_portal.settings"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
