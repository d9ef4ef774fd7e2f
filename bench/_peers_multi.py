"""Drive the peers harness (`../shared/peers/bench.py`, unmodified, imported) over several
Corroborate variants at once (say the base commit and a branch, each on SQLite and PostgreSQL),
plus doccano and Label Studio: one interleaved round with the harness's own workload (corpus,
sizes, repetitions) as `bench.py --order interleave` runs it. Each variant is the harness's
Corroborate adapter under its own name and URL, its RSS read from its own gunicorn PID file.
Run it with the harness's client venv:

    $PEERS/bench/bin/python bench/_peers_multi.py --harness ../shared/peers \
        --variant new-pg=http://127.0.0.1:8013=/tmp/run/new-pg.pid --variant base-pg=...
"""

import argparse
import json
import statistics
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--harness", default="/work/shared/peers", help="the folder of bench.py")
ap.add_argument("--variant", action="append", default=[], help="name=url=pidfile")
ap.add_argument("--peers", default="doccano,labelstudio")
ap.add_argument("--user", default="benchadmin")
ap.add_argument("--password", default="bench-pass-123456")
ap.add_argument("--out", default="/tmp/peers-run")
args = ap.parse_args()
sys.path.insert(0, args.harness)
import bench  # noqa: E402

PEERS = ("doccano", "labelstudio")


def _read(path: str) -> str:
    with open(path) as file:
        return file.read()


def log(msg: str) -> None:
    load = " / ".join(_read("/proc/loadavg").split()[:3])
    print(f"{time.strftime('%H:%M:%S')} {msg} | load {load}", file=sys.stderr, flush=True)


def main() -> None:
    ns = argparse.Namespace(
        docs=200,
        chars=4000,
        spans=10,
        reps=30,
        export_reps=5,
        single_spans=20,
        seed=20240601,
        run_dir="/tmp/peers/run",
        extra_pids={},
    )  # the harness's defaults
    adapters = []
    for spec in args.variant:
        name, url, pidfile = spec.split("=")
        cls = type(f"C_{name}", (bench.CorroborateAdapter,), {"name": name, "pid_files": ()})
        bench.ADAPTERS[name] = cls
        ns.extra_pids[name] = [int(_read(pidfile))]
        adapters.append(cls(url, user=args.user, password=args.password, version=name))
    opts = {
        "doccano": {"user": "admin", "password": "adminpass123", "run_dir": ns.run_dir},
        "labelstudio": {"token": "abc123"},
    }
    urls = {"doccano": "http://127.0.0.1:8011", "labelstudio": "http://127.0.0.1:8012"}
    for peer in [peer for peer in args.peers.split(",") if peer]:
        adapters.insert(0, bench.ADAPTERS[peer](urls[peer], **opts[peer]))
    corpus = bench.make_corpus(ns.docs, ns.chars, ns.spans, ns.seed)
    started = time.time()
    results = bench.run_round_interleaved(adapters, corpus, ns, 1, log)
    log(f"done in {time.time() - started:.0f}s")
    md = report(results)
    print(md)
    with open(args.out + ".md", "w") as file:
        file.write(md + "\n")
    with open(args.out + ".json", "w") as file:
        json.dump(results, file, default=str, indent=1)


def report(results: list[dict]) -> str:
    rows = [row.replace("{K}", "10") for row in bench.ROW_ORDER]
    systems = [result["system"] for result in results]
    by = {result["system"]: result for result in results}

    def med(system, row):
        samples = by[system]["samples"].get(row)
        return statistics.median(samples) if samples else None

    def cell(value):
        return f"{value:.1f}" if value else "-"

    lines = [
        "| operation (median ms) | " + " | ".join(systems) + " |",
        "|---|" + "---|" * len(systems),
    ]
    lines += [f"| {row} | " + " | ".join(cell(med(s, row)) for s in systems) + " |" for row in rows]
    ours = [system for system in systems if system not in PEERS]
    peers = [system for system in systems if system in PEERS]
    pairs = [(peer, variant) for variant in ours for peer in peers]
    lines += [
        "",
        "Ratios peer / variant (above 1: Corroborate faster)",
        "",
        "| operation | " + " | ".join(f"{peer}/{variant}" for peer, variant in pairs) + " |",
        "|---|" + "---|" * len(pairs),
    ]
    for row in rows:
        ratios = []
        for peer, variant in pairs:
            a, b = med(peer, row), med(variant, row)
            ratios.append(f"{a / b:.2f}" if a and b else "-")
        lines.append(f"| {row} | " + " | ".join(ratios) + " |")
    lines += ["", "Checks: " + "; ".join(f"{s}: {by[s]['checks']}" for s in systems)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
