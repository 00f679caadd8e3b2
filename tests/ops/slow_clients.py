"""Twenty clients start a CSV export and stop reading; the API must keep answering.

    .venv/bin/python tests/ops/slow_clients.py --database-url postgres://postgres@127.0.0.1:5432/postgres

Makes a scratch database on that server (dropped at the end) with synthetic people (through
bench/generate.py) so that one export of people is larger than a socket's buffers can hold,
starts the production server as the README documents it (gunicorn with uvicorn workers, 3
workers), then:

1. times probe requests to the API (a page, a record, a statistic, the health check);
2. opens STALLED connections that each ask for the CSV of every person, read the headers and a
   few bytes, and then read nothing more (a receive buffer of 4 KB); each process writes at most
   API_EXPORTS_PER_PROCESS at once, the others wait their turn, and each must be answered 200;
3. while they stall, checks that no session of the app is idle in a transaction, and times the
   same probes again: each must be answered (200) in under PROBE_LIMIT seconds;
4. closes the stalled connections and checks the server log has no error.

Prints the probes' timings before and during the stall. Exits non-zero on any failure.
``--wsgi`` runs the former deployment instead (gunicorn's threaded WSGI workers, 3 x 2 threads),
to see it fail.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STALLED = 20
PROBE_ROUNDS = 5
PROBE_LIMIT = 5.0
PEOPLE = 40_000
EXPORT = "/api/v1/prisoners/?format=csv"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def socket_buffers_max():
    """The most a stalled connection's kernel buffers can hold: the server's send buffer at
    its largest plus the client's receive buffer (set small here)."""
    wmem = Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()
    return int(wmem[-1]) + 64 * 1024


ASGI = ["registry.asgi", "--worker-class", "registry.ops.server.UvicornWorker"]
WSGI = ["registry.wsgi", "--threads", "2"]


class Server:
    def __init__(self, environment, log_path, application):
        self.port = free_port()
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        command = [
            str(BIN / "gunicorn"),
            *application,
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT
        )

    def get(self, path, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("The server stopped while starting.")
            try:
                if self.get("/readyz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("The server did not become ready in 60 s.")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def stall(port):
    """A client that asks for the export, reads its headers and a little, then stops reading.
    Returns (socket, status, Content-Length)."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.settimeout(90)
    client.connect(("127.0.0.1", port))
    client.sendall(f"GET {EXPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    received = b""
    while b"\r\n\r\n" not in received:
        try:
            chunk = client.recv(1024)
        except TimeoutError:
            return client, None, 0
        if not chunk:
            return client, None, 0
        received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = dict(line.split(": ", 1) for line in head[1:])
    length = int(headers.get("Content-Length", headers.get("content-length", "0")))
    return client, status, length


def probe_paths(server):
    status, body = server.get("/api/v1/prisoners/?page_size=10")
    assert status == 200, status
    person = json.loads(body)["results"][0]["id"]
    return [
        "/api/v1/prisoners/?page_size=10",
        "/api/v1/prisoners/?status=detained&page_size=20",
        f"/api/v1/prisoners/{person}/",
        "/api/v1/statistics/releases-by-destination/",
        "/api/v1/deals/",
        "/healthz",
    ]


def probe(server, paths):
    """Each path PROBE_ROUNDS times; returns the timings, fails on any slow or failed answer."""
    timings, failures = [], []
    for _ in range(PROBE_ROUNDS):
        for path in paths:
            started = time.perf_counter()
            try:
                status, _ = server.get(path, timeout=PROBE_LIMIT)
            except OSError as error:
                failures.append(f"{path}: {error!r}")
                continue
            elapsed = time.perf_counter() - started
            timings.append(elapsed)
            if status != 200 or elapsed > PROBE_LIMIT:
                failures.append(f"{path}: {status} in {elapsed:.2f} s")
    return timings, failures


def describe(timings):
    milliseconds = sorted(t * 1000 for t in timings)
    if not milliseconds:
        return "no request answered"
    return (
        f"{len(milliseconds)} requests, median {statistics.median(milliseconds):.1f} ms, "
        f"max {milliseconds[-1]:.1f} ms"
    )


def sessions_by_state(url):
    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT coalesce(state, '?'), count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1"
        ).fetchall()
    return dict(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server on which a scratch database may be made",
    )
    parser.add_argument("--wsgi", action="store_true", help="serve with threaded WSGI workers")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The production server's database is PostgreSQL: give a postgres:// URL.")
    name = f"registry_slow_clients_{os.getpid()}"
    admin_url = with_database(args.database_url, "postgres")
    url = with_database(args.database_url, name)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    workdir = Path(tempfile.mkdtemp(prefix="registry-slow-clients-"))
    server = None
    stalled = []
    try:
        print(f"== {PEOPLE} synthetic people in {name}", flush=True)
        subprocess.run(
            [
                sys.executable,
                "bench/generate.py",
                "--database-url",
                url,
                "--prisoners",
                str(PEOPLE),
                "--deals",
                "20",
                "--releases",
                "5000",
                "--write",
                "copy",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_FORMAT": "json",
            # The probes and the stalled clients come from one address: no rate limit here.
            "API_ANON_RATE": "100000/minute",
        }
        environment.pop("REGISTRY_PROCESS", None)
        application = WSGI if args.wsgi else ASGI
        print(f"== gunicorn {' '.join(application)} --workers 3", flush=True)
        server = Server(environment, workdir / "server.log", application)
        server.wait_until_ready()
        paths = probe_paths(server)
        timings, failures = probe(server, paths)
        print(f"Before: {describe(timings)}", flush=True)
        if failures:
            raise SystemExit("Probes failed before any client stalled:\n" + "\n".join(failures))

        print(f"== {STALLED} clients ask for {EXPORT} and stop reading", flush=True)
        started = time.perf_counter()
        with ThreadPoolExecutor(STALLED) as pool:
            results = list(pool.map(lambda _: stall(server.port), range(STALLED)))
        print(
            f"All {STALLED} exports answered in {time.perf_counter() - started:.1f} s "
            f"(at most {os.environ.get('API_EXPORTS_PER_PROCESS', 'half the pool')} written "
            "at once by each process)",
            flush=True,
        )
        stalled = [client for client, _, _ in results]
        statuses = {status for _, status, _ in results}
        lengths = {length for _, _, length in results}
        limit = socket_buffers_max()
        print(
            f"Export: {max(lengths) / 1e6:.1f} MB each; socket buffers hold at most "
            f"{limit / 1e6:.1f} MB, so the server is still sending each one",
            flush=True,
        )
        problems = []
        if statuses != {200}:
            unanswered = sum(status is None for _, status, _ in results)
            problems.append(
                f"The exports were not all answered 200 ({unanswered} got no answer in 90 s)."
            )
        if min(lengths) <= limit:
            problems.append("An export fits in the socket buffers: nothing would stall.")

        time.sleep(1)
        states = sessions_by_state(url)
        print(f"Database sessions while they stall: {states}", flush=True)
        if states.get("idle in transaction", 0) or states.get("idle in transaction (aborted)", 0):
            problems.append("Sessions are idle in a transaction while clients stall.")
        timings, failures = probe(server, paths)
        print(f"During: {describe(timings)}", flush=True)
        problems += failures
        for client in stalled:
            client.close()
        stalled = []
        status, _ = server.get("/readyz")
        if status != 200:
            problems.append(f"/readyz answered {status} after the clients left.")
    finally:
        for client in stalled:
            client.close()
        if server is not None:
            server.stop()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    log = (workdir / "server.log").read_text()
    errors = [
        line for line in log.splitlines() if '"level": "ERROR"' in line or "Traceback" in line
    ]
    if errors:
        problems.append("The server logged errors:\n" + "\n".join(errors[:20]))
    if problems:
        print("FAILED:\n" + "\n".join(problems))
        return 1
    print(f"OK: the API kept answering, every probe in under {PROBE_LIMIT:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
