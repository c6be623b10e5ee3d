#!/usr/bin/env python3
"""Speaker accuracy on PolNeAR, split into direct quotes and reported speech.

The shared quotes scorer reports one speaker accuracy over every matched attribution; the
target for tocsin is stated on direct quotes. This splits that figure with the scorer's own
gold loading, span matching and speaker matching (imported from ../shared/tools), so the two
figures add up to the scorer's.

    python3 scripts/quote_speakers.py --shared ../shared --output OUTPUT.jsonl [--details]

OUTPUT.jsonl is what `event_eval.py --task quotes` saved for `tocsin analyze --jsonl` (its
<workdir>/output.jsonl).
"""
import argparse
import json
import os
import sys


def split_accuracy(shared, output, details=False):
    """{"direct": {...}, "reported": {...}} with correct, n, acc and no_speaker each."""
    sys.path.insert(0, os.path.join(shared, "tools"))
    import quotes_eval as Q  # noqa: E402  (the shared scorer)

    class Args:
        split = "auto"

    gold = Q.load_gold(os.path.join(shared, "data", "polnear"), Args())
    outs = {}
    with open(output, encoding="utf-8") as f:
        for line in f:
            if line.startswith("{"):
                o = json.loads(line)
                outs[(o.get("source") or {}).get("id") or o.get("id")] = o
    counts = {"direct": [0, 0, 0], "reported": [0, 0, 0]}
    for art, gd in gold.docs.items():
        golds = gd["quotes"]
        preds, _ = Q.pred_spans(outs.get(art), gd["text"])
        for i, j in Q.match_doc(preds, golds, gd["text"], "overlap").items():
            g, p = golds[j], preds[i]
            if not g["source"] or g["pronoun"]:
                continue
            kind = "direct" if g["direct"] else "reported"
            ok = Q.speaker_match(p["speaker"], p["role"], g["source"])
            c = counts[kind]
            c[0] += ok
            c[1] += 1
            c[2] += not p["speaker"].strip()
            if details and not ok:
                print(f"  {kind:8s} {art}: {p['speaker']!r} ({p['role']!r}) vs {g['source']!r}")
    return {k: {"correct": c, "n": n, "acc": c / n if n else 0.0, "no_speaker": m}
            for k, (c, n, m) in counts.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--output", required=True)
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args()
    res = split_accuracy(a.shared, a.output, a.details)
    for k, r in res.items():
        print(f"{k:8s} speaker accuracy {100 * r['acc']:6.2f}  ({r['correct']}/{r['n']}; no speaker {r['no_speaker']})")


if __name__ == "__main__":
    main()
