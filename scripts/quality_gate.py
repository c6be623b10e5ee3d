#!/usr/bin/env python3
"""Quality gate: scores tocsin on the shared evaluation data and fails when a score falls
below the floor pinned in eval/baseline.json.

Floors are pinned a little under the measured scores (bootstrap noise on small sets), so a
real regression fails the gate while a rerun of the same build passes. Raise a floor when a
change improves a score; lower one only with a reason in the commit message.

Usage: scripts/quality_gate.py [--shared ../shared] [--tocsin target/release/tocsin]
Exit status: 0 all floors met, 1 a floor missed, 2 the evaluation could not run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_extraction(shared, tocsin, datasets, out_json):
    tool = os.path.join(shared, "tools", "extraction_eval.py")
    paths = [os.path.join(shared, "data", "extraction", d) for d in datasets]
    cmd = [sys.executable, tool, *paths, "--batch-cmd", f"{tocsin} extract --jsonl {{dir}}",
           "--name", "tocsin", "--bootstrap", "20", "--out", out_json]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    print(proc.stdout)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        sys.exit(2)
    with open(out_json, encoding="utf-8") as f:
        return json.load(f)


def metric_rows(results):
    """Flattens the harness's JSON into {(dataset, metric): value}."""
    rows = {}
    items = results if isinstance(results, list) else results.get("results", [])
    for r in items:
        ds = r.get("dataset")
        for key, path in (("body_f1", ("body", "f1")), ("snippet_f1", ("snippets", "f1")),
                          ("title", ("meta", "title", "accuracy")), ("date", ("meta", "date", "accuracy"))):
            v = r
            for p in path:
                v = v.get(p) if isinstance(v, dict) else None
            if isinstance(v, (int, float)):
                rows[(ds, key)] = float(v)
    return rows


def run_ner(shared, tocsin, conll, out_json):
    """Entity-level F1 (4 classes, conlleval semantics) of `tocsin ner --pretokenized`."""
    tool = os.path.join(shared, "tools", "ner_eval.py")
    cmd = [sys.executable, tool, "--conll", os.path.join(shared, "data", conll),
           "--system", f"cmd:{tocsin} ner --pretokenized", "--json-out", out_json]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        sys.exit(2)
    with open(out_json, encoding="utf-8") as f:
        return json.load(f)["scores_4class"]["overall"]["f1"]


def run_seed(shared, tocsin, categories):
    tool = os.path.join(shared, "tools", "seed_check.py")
    proc = subprocess.run([sys.executable, tool, "--cmd", f"{tocsin} extract --json {{file}}"],
                          capture_output=True, text=True)
    failed = []
    for line in proc.stdout.splitlines():
        status, _, name = line.partition(" ")
        name = name.strip()
        if any(name.startswith(c) for c in categories) and status.strip() != "ok":
            failed.append(line)
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--tocsin", default=os.path.join(ROOT, "target", "release", "tocsin"))
    ap.add_argument("--baseline", default=os.path.join(ROOT, "eval", "baseline.json"))
    args = ap.parse_args()
    with open(args.baseline, encoding="utf-8") as f:
        baseline = json.load(f)

    failures = []
    ext = baseline["extraction"]
    with tempfile.TemporaryDirectory() as tmp:
        results = run_extraction(args.shared, args.tocsin, sorted(ext), os.path.join(tmp, "r.json"))
    rows = metric_rows(results)
    for ds, floors in sorted(ext.items()):
        for metric, floor in sorted(floors.items()):
            got = rows.get((ds, metric))
            verdict = "ok  " if got is not None and got >= floor else "FAIL"
            print(f"{verdict} extraction {ds} {metric}: {got} (floor {floor})")
            if verdict == "FAIL":
                failures.append(f"{ds} {metric}")

    for conll, floor in sorted(baseline.get("ner", {}).items()):
        with tempfile.TemporaryDirectory() as tmp:
            f1 = run_ner(args.shared, args.tocsin, conll, os.path.join(tmp, "ner.json"))
        verdict = "ok  " if f1 >= floor else "FAIL"
        print(f"{verdict} ner {conll} F1: {f1} (floor {floor})")
        if verdict == "FAIL":
            failures.append(f"ner {conll}")

    seed = baseline.get("seed", {})
    seed_failed = run_seed(args.shared, args.tocsin, seed.get("categories", []))
    for line in seed_failed:
        print(f"FAIL seed: {line}")
    if not seed_failed:
        print(f"ok   seed checks: {', '.join(seed.get('categories', []))}")
    failures += seed_failed

    if failures:
        print(f"quality gate: {len(failures)} floor(s) missed", file=sys.stderr)
        sys.exit(1)
    print("quality gate: all floors met")


if __name__ == "__main__":
    main()
