"""`make bench`: how fast the main pages are, next to the physical limit of serving a file.

Starts the production server (gunicorn with gunicorn.conf.py, DEBUG off, collected and
compressed static files, whitenoise) on loopback with a throwaway SQLite database holding
the shipped content, then prints one table:

- requests/s and p50/p99 latency at 20 connections (wrk --latency -c20 -t2 -d5s), for
  each page and for a static file of similar size served by the same server, and each
  page's throughput as a ratio to the static file's;
- SQL queries per page rendered from scratch, with the shipped content and with ten
  times as much (generated, then rolled back: `manage.py bench_queries`);
- bytes transferred per page with all its assets (HTML, CSS, JS, favicon), compressed
  as a browser asks for them (Accept-Encoding: br, gzip), on a first visit;
- the claim checker's time for 1,000 and 10,000 words (`manage.py claim_bench`).

wrk sends `Accept-Encoding: gzip` like every browser, so pages are compressed per
request and the static file is served pre-compressed, as in real use.

Targets: every content page at least 0.5 x the static file's throughput (pages about a parent
are never cached, by design, and are shown for information); the same queries at 10 x the
content; at most 50 KB per page; the claim checker under 100 ms for 1,000 words."""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import runpy
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

WALKTHROUGH = (
    "/walkthrough/summary/?country=uk&need=no&m_others=5&m_family=2&m_cost=4&m_used=3"
    "&m_evidence=4&m_clamping=5&m_simple=1&m_regret=3&r_sure=yes&r_know=yes&r_values=yes"
    "&r_support=yes"
)
CALCULATOR = "/costs/calculator/?country=uk&upfront=1500&annual=100&years=20&rise=0"
PAGES = {
    "home": "/",
    "condition": None,  # the first published condition, found by bench_queries
    "options compare": "/options/compare/",
    "walkthrough summary": WALKTHROUGH,
    "cost calculator": CALCULATOR,
}
# Targets from issue 8.
MIN_RATIO = 0.5
MAX_PAGE_BYTES = 50 * 1024
MAX_CHECK_MS = 100

ASSET = re.compile(
    r"<(?:link|script|img)\b[^>]*?\b(?:href|src)=\"(/[^\"/][^\"]*)\"[^>]*>", re.IGNORECASE
)
REL = re.compile(r"\brel=\"([^\"]+)\"", re.IGNORECASE)


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_wrk() -> str | None:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk is missing: installing the Debian package `wrk`...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False)
        wrk = shutil.which("wrk")
    if not wrk:
        say(
            "wrk (the HTTP load generator, Debian package `wrk`) is not installed, and this "
            "user cannot install it. Run `sudo apt-get install wrk` and `make bench` again. "
            "Throughput columns show n/a."
        )
    return wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        say(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {args[0]} failed")
    return result.stdout


def production_env(workdir: Path, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="decisionaid.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="0",
        DJANGO_PLAIN_STATIC="0",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        PORT=str(port),
        HOST="127.0.0.1",
    )
    return env


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "decisionaid.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {log}")
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def get(port: int, path: str, encoding: str = "") -> tuple[int, int, bytes, dict]:
    """Status, bytes on the wire (status line, headers and body), body, headers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    head = f"HTTP/1.1 {response.status} {response.reason}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in response.getheaders()) + "\r\n"
    conn.close()
    return response.status, len(head.encode()) + len(body), body, dict(response.getheaders())


def decoded(body: bytes, headers: dict) -> str:
    encoding = headers.get("Content-Encoding", "")
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "deflate":
        body = zlib.decompress(body)
    return body.decode("utf-8", "replace")


def page_weight(port: int, path: str) -> int:
    """Bytes a first visit transfers: the page and every same-site asset it loads."""
    status, size, body, headers = get(port, path, "br, gzip")
    html = decoded(body, headers)
    assets = []
    for tag in ASSET.finditer(html):
        rel = REL.search(tag.group(0))
        if tag.group(0).lower().startswith("<link") and not (
            rel and set(rel.group(1).lower().split()) & {"stylesheet", "icon", "preload"}
        ):
            continue  # canonical and other links are not downloaded
        assets.append(tag.group(1).split("#")[0])
    if not any("favicon" in a for a in assets):
        assets.append("/favicon.ico")  # what a browser asks for when no icon is named
    for asset in dict.fromkeys(assets):
        asset_status, asset_size, _, _ = get(port, asset, "br, gzip")
        if asset_status == 200:
            size += asset_size
    return size


def similar_static_file(sizes: list[int]) -> tuple[str, int]:
    """The collected static file closest in size to the pages' median (uncompressed)."""
    target = statistics.median(sizes)
    root = ROOT / "staticfiles"
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    candidates = [
        (abs((root / hashed).stat().st_size - target), hashed) for hashed in manifest.values()
    ]
    _, hashed = min(candidates)
    return "/static/" + hashed, (root / hashed).stat().st_size


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load(wrk: str, port: int, path: str, *, connections: int, threads: int, seconds: int) -> Load:
    result = subprocess.run(
        [wrk, "--latency", f"-c{connections}", f"-t{threads}", f"-d{seconds}s",
         "--timeout", "10s", "-H", "Accept-Encoding: gzip", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return Load(rps, p50, p99, errors)


def cache_kind(port: int, path: str) -> str:
    """'public' for a content page (cached here and by CDNs), 'no-store' for a page about a
    parent, rendered for every request by design."""
    control = get(port, path)[3].get("Cache-Control", "")
    return "public" if "public" in control else "no-store" if "no-store" in control else "?"


def claim_times(env: dict) -> dict[int, float]:
    result = subprocess.run(
        [PYTHON, "manage.py", "claim_bench"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        return {}
    found = re.findall(r"claim check, ([\d,]+) words.*?: ([\d.]+) ms", result.stdout)
    return {int(words.replace(",", "")): float(ms) for words, ms in found}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; load average {load} at the end"
    )


def gunicorn_workers() -> int:
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    wrk = ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="decisionaid-bench-"))
    port = free_port()
    env = production_env(workdir, port)
    server = None
    try:
        say("Preparing: collectstatic, migrate, load_content into a throwaway SQLite database...")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_content")
        say("Counting queries per page, with the shipped content and with 10 x as much...")
        named = [f"{name}={url}" for name, url in PAGES.items() if url]
        queries = json.loads(manage(env, "bench_queries", *named).strip().splitlines()[-1])
        pages = {name: queries["urls"][name] for name in PAGES}
        say("Timing the claim checker...")
        checks = claim_times(env)

        say(f"Starting gunicorn on 127.0.0.1:{port} (DEBUG off)...")
        server = start_server(env, port, workdir / "gunicorn.log")
        status, sizes = {}, {}
        for name, path in pages.items():
            code, _, body, headers = get(port, path)
            status[name] = code
            if code == 200:
                sizes[name] = len(body)
        static_path, static_size = similar_static_file(list(sizes.values()) or [10_000])
        weights = {name: page_weight(port, pages[name]) for name in sizes}
        loads: dict[str, Load] = {}
        ratios: dict[str, float] = {}
        statics: list[Load] = []
        if wrk:
            options = {"connections": args.connections, "threads": args.threads}
            options["seconds"] = args.seconds
            # Other work on the machine comes and goes: load the static file just before
            # each page and compare the page with that run, not with one from minutes ago.
            # Warm up: every worker compiles its templates and fills its page cache once,
            # as a server does in its first seconds; only the steady state is measured.
            for path in [static_path, *(pages[name] for name in sizes)]:
                load(wrk, port, path, **{**options, "seconds": 1})
            for name in sizes:
                say(f"Loading the static file, then {name}, for {args.seconds} s each...")
                statics.append(load(wrk, port, static_path, **options))
                loads[name] = load(wrk, port, pages[name], **options)
                ratios[name] = loads[name].rps / statics[-1].rps
            if statics:
                loads["static file"] = Load(
                    rps=statistics.median(r.rps for r in statics),
                    p50_ms=statistics.median(r.p50_ms for r in statics),
                    p99_ms=statistics.median(r.p99_ms for r in statics),
                    errors=sum(r.errors for r in statics),
                )
                ratios["static file"] = 1.0
        kinds = {name: cache_kind(port, pages[name]) for name in sizes}
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    rows = [
        ["page", "cached", "req/s", "p50 ms", "p99 ms", "x static", "queries", "at 10x", "KB sent"]
    ]
    failures = []
    for name in ["static file", *pages]:
        if name != "static file" and status.get(name) != 200:
            rows.append([name, f"HTTP {status.get(name)}", *["n/a"] * 7])
            continue
        result = loads.get(name)
        ratio = ratios.get(name)
        if name == "static file":
            kb = f"{static_size / 1024:.1f}"
            shipped = grown = "-"
            kind = "file"
        else:
            shipped = queries["shipped"][name]["queries"]
            grown = queries["grown"][name]["queries"]
            kb = f"{weights[name] / 1024:.1f}"
            kind = kinds[name]
            if ratio is not None and ratio < MIN_RATIO and kind == "public":
                failures.append(f"{name}: {ratio:.2f} x the static file's throughput")
            if grown != shipped:
                failures.append(f"{name}: {shipped} queries grew to {grown} at 10 x content")
            if weights[name] > MAX_PAGE_BYTES:
                failures.append(f"{name}: {weights[name] / 1024:.1f} KB sent")
        rows.append(
            [
                name
                if name != "static file"
                else f"static file ({static_path.rsplit('/', 1)[-1]})",
                kind,
                f"{result.rps:,.0f}" if result else "n/a",
                f"{result.p50_ms:.1f}" if result else "n/a",
                f"{result.p99_ms:.1f}" if result else "n/a",
                f"{ratio:.2f}" if ratio is not None else "n/a",
                str(shipped),
                str(grown),
                kb,
            ]
        )
        if result and result.errors:
            failures.append(f"{name}: {result.errors} failed requests under load")

    print()
    print(f"Machine: {machine()}")
    print(
        f"Load: wrk --latency -c{args.connections} -t{args.threads} -d{args.seconds}s, "
        f"Accept-Encoding: gzip; gunicorn workers: {gunicorn_workers()}"
    )
    print(f"Content at 10 x: {', '.join(f'+{n} {k}' for k, n in queries['added'].items())}")
    print()
    print(table(rows))
    print()
    for words in (1_000, 10_000):
        value = f"{checks[words]:.1f} ms" if words in checks else "n/a"
        print(f"Claim checker, {words:,} words: {value}")
    if 1_000 in checks and checks[1_000] >= MAX_CHECK_MS:
        failures.append(f"claim checker: {checks[1_000]:.0f} ms for 1,000 words")
    print()
    if failures:
        print("Outside the targets:")
        print("\n".join(f"- {f}" for f in failures))
    else:
        print(
            f"All targets met: every content page >= {MIN_RATIO} x the static file, the same queries "
            f"at 10 x content, <= {MAX_PAGE_BYTES // 1024} KB per page, "
            f"claim check < {MAX_CHECK_MS} ms per 1,000 words."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
