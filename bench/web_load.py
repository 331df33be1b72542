"""Load test of the web app on loopback: p50/p99 latency of the story page and the API at N
concurrent clients.

Serves a store holding the seed story with every section (built without the NLP models, see
tests/store/sample.py) with uvicorn on a free 127.0.0.1 port, then runs N client threads, each
with its own keep-alive httpx client, for a fixed number of requests per endpoint.

    .venv/bin/python bench/web_load.py [--clients 20] [--requests 400] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier.store import Store  # noqa: E402
from dossier.web import create_app  # noqa: E402
from tests.store.sample import rich_story  # noqa: E402

ENDPOINTS = {
    "story page": "/stories/syria",
    "article page": None,  # filled with the first article's URL
    "api story.json": "/api/stories/syria/story",
    "api events (filtered)": "/api/stories/syria/events?type=CONSULT",
    "api quotes (by speaker)": "/api/stories/syria/quotes?speaker=united-states",
    "api network": "/api/stories/syria/network",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(clients: int, requests: int, db: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(db or str(Path(tmp) / "load.db"))
        if "syria" not in {s.name for s in store.list_stories()}:
            store.create_story("syria")
            store.add_version("syria", rich_story())
        first = store.story("syria").articles[0]
        ENDPOINTS["article page"] = f"/stories/syria/articles/{first.id}?start=0&end=50"
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        results = {}
        try:
            for label, path in ENDPOINTS.items():
                results[label] = _hammer(base + path, clients, requests)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.close()
    return {"clients": clients, "requests_per_endpoint": requests, "endpoints": results}


def _hammer(url: str, clients: int, requests: int) -> dict:
    per_client = max(1, requests // clients)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client_loop() -> None:
        nonlocal errors
        with httpx.Client(timeout=30) as client:
            client.get(url)  # warm the connection
            for _ in range(per_client):
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client_loop) for _ in range(clients)]:
            future.result()
    wall = time.perf_counter() - started
    return {
        "n": len(latencies),
        "errors": errors,
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * _percentile(latencies, 0.99), 1),
        "req_per_s": round(len(latencies) / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint, in all")
    parser.add_argument("--db", help="store URL or SQLite path (default: a temporary file)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = run(args.clients, args.requests, args.db)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['clients']} concurrent clients, {args.requests} requests per endpoint")
    print(f"{'endpoint':26} {'n':>5} {'err':>4} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}")
    for label, r in report["endpoints"].items():
        print(f"{label:26} {r['n']:5d} {r['errors']:4d} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} "
              f"{r['req_per_s']:7.1f}")


if __name__ == "__main__":
    main()
