"""Load test of `quotetrace serve`: many concurrent readers on a mixed set of pages.

The server runs as a process of its own (`quotetrace serve`, default mode:
the database may take new documents); the load generator is another process
on the same machine, so the two share its cores, as they would on a
newsroom laptop. Each simulated client holds one keep-alive connection and
asks for its next page as soon as the last one arrived (a closed loop, no
think time): the request rate is what the server sustains, not a rate we
chose. Pages and their parameters are drawn at random from the database,
with a fixed seed.

    python bench/serveload.py DB [--clients 50] [--seconds 60]

prints one JSON object: the load run overall and per page, and each page
alone (sequential requests, one at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("home", "database", "quotes", "quotes_by_speaker", "search_quotes", "statement")
WORD = re.compile(r"[A-Za-z]{5,}")
# Words too common to be what anyone searches for.
COMMON = frozenset(
    "about after again against because being before between could every first found going great "
    "their there these thing think those three through under until where which while would years "
    "people other still since should said".split()
)


@dataclass
class Inputs:
    """What the simulated readers ask about, drawn from the database."""

    database: str
    names: list[str]
    words: list[str]
    statements: list[str]

    def path(self, page: str, rng: random.Random) -> str:
        db = "/" + self.database
        if page == "home":
            return "/"
        if page == "database":
            return db
        if page == "quotes":
            return db + "/quotes"
        if page == "quotes_by_speaker":
            return db + "/quotes_by_speaker?name=" + quote(rng.choice(self.names))
        if page == "search_quotes":
            return db + "/search_quotes?q=" + quote(" ".join(rng.sample(self.words, rng.choice((1, 1, 2)))))
        if page == "statement":
            return db + "/-/statement/" + quote(rng.choice(self.statements), safe="")
        raise ValueError(page)


def draw_inputs(db_path: Path, seed: int = 13, n: int = 500) -> Inputs:
    """Names (display names and other spellings), words of quotes, and statement ids, at random."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM people")]
        spellings = [r[0] for r in conn.execute("SELECT spelling FROM person_names")]
        statements = [r[0] for r in conn.execute("SELECT id FROM clusters")]
        texts = [r[0] for r in conn.execute("SELECT text FROM quotes ORDER BY random() LIMIT 2000")]
    finally:
        conn.close()
    if not (names and statements and texts):
        raise SystemExit(f"{db_path}: no people, statements or quotes to ask about")
    words = sorted({w.lower() for t in texts for w in WORD.findall(t)} - COMMON)
    half = n // 2
    return Inputs(
        database=db_path.stem,
        names=rng.sample(names, min(half, len(names))) + rng.sample(spellings, min(half, len(spellings))),
        words=rng.sample(words, min(n, len(words))),
        statements=rng.sample(statements, min(n, len(statements))),
    )


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(db_path: Path, *extra: str) -> Iterator[tuple[str, int]]:
    """`quotetrace serve --db DB` on a free loopback port: yields its URL and pid, stops it after."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-c", "from quotetrace.cli import main; main()", "serve", "--db", str(db_path),
         "--port", str(port), *extra],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"quotetrace serve exited with {proc.returncode}: {err[-2000:]}")
            try:
                if httpx.get(url + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("quotetrace serve did not answer within 120 s")
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def descendants(pid: int) -> list[int]:
    """The processes a process started, and theirs (Linux /proc)."""
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                out += [int(child), *descendants(int(child))]
    except OSError:  # exited meanwhile
        pass
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and all its descendants (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in fields[11:15]) / ticks  # utime stime cutime cstime
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += cpu_seconds(int(child))
    except OSError:  # exited meanwhile
        pass
    return total


# ------------------------------------------------------------------ measuring


def percentile(values: list[float], q: float) -> float:
    """The q-quantile, interpolating between the nearest ranks (NaN for no values)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1]


@dataclass
class Sample:
    page: str
    status: int  # 0: no response (connection error, timeout)
    ms: float
    error: str | None = None
    at_s: float = 0.0  # when it was sent, seconds into the run


@dataclass
class Tally:
    samples: list[Sample] = field(default_factory=list)

    def summary(self, seconds: float) -> dict[str, Any]:
        ok = [s.ms for s in self.samples if s.status == 200]
        errors = [s for s in self.samples if s.status != 200]
        return {
            "requests": len(self.samples),
            "per_s": len(self.samples) / seconds,
            "errors": len(errors),
            "error_examples": sorted({f"{s.status} {s.error or ''}".strip() for s in errors})[:5],
            "error_times_s": [round(s.at_s, 1) for s in errors][:20],
            "p50_ms": percentile(ok, 0.5),
            "p90_ms": percentile(ok, 0.9),
            "p99_ms": percentile(ok, 0.99),
            "max_ms": max(ok) if ok else float("nan"),
        }


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, asking for one page at a time.

    A few lines over asyncio streams rather than an HTTP library: the load
    generator shares the machine's two cores with the server, and httpx spent
    over 3 ms of CPU a request (a third of what the server spent) that the
    server then lacked. Reconnects after an error.
    """

    TIMEOUT_S = 30.0

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        try:
            return await asyncio.wait_for(self._get(path), self.TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    async def _get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(b":") for line in lines[1:] if line)}
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers, if any
                pass
            body = b"".join(chunks)
        else:  # the body runs to the end of the connection
            body = await self.reader.read()
            headers[b"connection"] = b"close"
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _get(conn: Connection, page: str, path: str, start: float = 0.0) -> Sample:
    t = time.perf_counter()
    try:
        status, body = await conn.get(path)
        error = None if status == 200 else body[:120].decode("utf-8", "replace")
    except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
        status, error = 0, f"{type(exc).__name__}: {exc}"[:120]
    return Sample(page, status, (time.perf_counter() - t) * 1000, error, t - start if start else 0.0)


async def load(url: str, inputs: Inputs, clients: int, seconds: float, seed: int) -> dict[str, Any]:
    """`clients` readers in a closed loop for `seconds`, each on a connection of its own; every page equally often."""
    tally = Tally()
    begin = time.perf_counter()
    end = begin + seconds

    async def reader(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        conn = Connection(url)
        try:
            while time.perf_counter() < end:
                page = rng.choice(PAGES)
                tally.samples.append(await _get(conn, page, inputs.path(page, rng), begin))
        finally:
            conn.close()

    t = time.perf_counter()
    await asyncio.gather(*(reader(k) for k in range(clients)))
    elapsed = time.perf_counter() - t
    by_page = {p: Tally([s for s in tally.samples if s.page == p]).summary(elapsed) for p in PAGES}
    return {"seconds": elapsed, **tally.summary(elapsed), "pages": by_page}


async def alone(url: str, inputs: Inputs, repeats: int, seed: int) -> dict[str, Any]:
    """Each page on its own: sequential requests on one connection, after one warm-up each."""
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    conn = Connection(url)
    try:
        for page in PAGES:
            await _get(conn, page, inputs.path(page, rng))
            samples = [await _get(conn, page, inputs.path(page, rng)) for _ in range(repeats)]
            ok = [s.ms for s in samples if s.status == 200]
            out[page] = {
                "requests": len(samples),
                "errors": len(samples) - len(ok),
                "p50_ms": statistics.median(ok) if ok else float("nan"),
                "min_ms": min(ok) if ok else float("nan"),
                "max_ms": max(ok) if ok else float("nan"),
            }
    finally:
        conn.close()
    return out


def measure(
    db_path: Path,
    *,
    clients: int = 50,
    seconds: float = 60.0,
    repeats: int = 30,
    seed: int = 1,
    serve_args: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Start a server on `db_path`; each page alone, then the load run; CPU time of both sides."""
    inputs = draw_inputs(db_path)
    with server(db_path, *serve_args) as (url, pid):
        single = asyncio.run(alone(url, inputs, repeats, seed))
        own0 = resource.getrusage(resource.RUSAGE_SELF)
        server0 = cpu_seconds(pid)
        loaded = asyncio.run(load(url, inputs, clients, seconds, seed))
        own1 = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = cpu_seconds(pid) - server0
        # the server processes under `serve`'s own (not multiprocessing's helper), or itself alone
        processes = sum("resource_tracker" not in _cmdline(p) for p in descendants(pid)) or 1
    generator_cpu = (own1.ru_utime - own0.ru_utime) + (own1.ru_stime - own0.ru_stime)
    return {
        "database": str(db_path),
        "db_bytes": db_path.stat().st_size,
        "serve_args": list(serve_args),
        "clients": clients,
        "cores": os.cpu_count(),
        "server_processes": processes,
        "alone": single,
        "load": loaded,
        # CPU seconds per wall second (1.0 = one core busy): what each side used of the machine
        "server_cores": server_cpu / loaded["seconds"],
        "generator_cores": generator_cpu / loaded["seconds"],
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeats", type=int, default=30, help="sequential requests per page alone")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve-arg", action="append", default=[], help="extra argument for quotetrace serve")
    args = parser.parse_args()
    result = measure(args.db, clients=args.clients, seconds=args.seconds, repeats=args.repeats, seed=args.seed,
                     serve_args=tuple(args.serve_arg))
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
