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
sys.path.insert(0, HERE)
import quote_speakers  # noqa: E402


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
    """Seed checks that failed; every check when `categories` is ["all"]."""
    tool = os.path.join(shared, "tools", "seed_check.py")
    proc = subprocess.run([sys.executable, tool, "--cmd", f"{tocsin} analyze --jsonl {{file}}"],
                          capture_output=True, text=True)
    if proc.returncode == 2:
        print(proc.stdout[-3000:], proc.stderr[-3000:], file=sys.stderr)
        sys.exit(2)
    failed = []
    for line in proc.stdout.splitlines():
        status, _, name = line.partition(" ")
        name = name.strip()
        if status.strip() not in ("ok", "FAIL"):
            continue
        wanted = categories == ["all"] or any(name.startswith(c) for c in categories)
        if wanted and status.strip() != "ok":
            failed.append(line)
    return failed


def run_event_task(shared, tocsin, task, data, out_json, workdir):
    """Runs one event_eval.py task and returns its JSON results (tocsin's output stays in
    workdir/output.jsonl)."""
    tool = os.path.join(shared, "tools", "event_eval.py")
    cmd = [sys.executable, tool, "--task", task, "--data", os.path.join(shared, "data", data),
           "--cmd", f"{tocsin} analyze --jsonl {{input}}", "--json", out_json, "--workdir", workdir]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-3000:], file=sys.stderr)
        sys.exit(2)
    with open(out_json, encoding="utf-8") as f:
        return json.load(f)


def lookup(obj, path):
    for p in path.split("|"):
        obj = obj.get(p) if isinstance(obj, dict) else None
    return obj


def event_floors(shared, tocsin, events):
    """Checks each {task: {"data": dir, "floors": {json path: floor}}} entry."""
    failures = []
    for task, spec in sorted(events.items()):
        if task.startswith("_"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            res = run_event_task(shared, tocsin, spec.get("task", task), spec["data"], os.path.join(tmp, "e.json"), tmp)
            if spec.get("task", task) == "quotes":
                # The target is stated on direct quotes; the scorer reports all of them.
                res["speaker_split"] = quote_speakers.split_accuracy(shared, os.path.join(tmp, "output.jsonl"))
        for path, floor in sorted(spec["floors"].items()):
            got = lookup(res, path)
            ok = isinstance(got, (int, float)) and got >= floor
            print(f"{'ok  ' if ok else 'FAIL'} events {task} {path}: {got} (floor {floor})")
            if not ok:
                failures.append(f"events {task} {path}")
    return failures


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

    failures += event_floors(args.shared, args.tocsin, baseline.get("events", {}))

    if failures:
        print(f"quality gate: {len(failures)} floor(s) missed", file=sys.stderr)
        sys.exit(1)
    print("quality gate: all floors met")


if __name__ == "__main__":
    main()
