#!/usr/bin/env python3
"""Screen: S offsets that move with the beat's own RR timing, fitted out of fold like the irregularity slope.

The decision rule's S offset already moves with the rhythm's RR irregularity (a slope fitted on
out-of-fold predictions, which the networks, trained on DS1's few atrial fibrillation patients,
did not learn by themselves). This screen asks whether two more slopes of the S offset, fitted the
same way, help: on x1 = ln(previous RR / local mean) (below 0 for a premature beat) and on
x2 = ln(next RR / local mean) (above 0 for the pause after one), the local mean being that of the
last 10 intervals up to the previous one (as ingest's RrFeatures). The networks see both values;
the question is whether a correction fitted on patients the networks did not train on adds to it.

The rule is re-implemented here as DecisionRule.fit does it (coordinate ascent on the macro F1 over
N, S, V, F: offsets of S, V, F over -3..5 in steps of 0.05, then the slopes, passes until nothing
moves; ties go to the value nearest 0), with the irregularity as RrIrregularity computes it (median
|ln(RR_k / RR_k-1)| of the last 16 pairs), every interval taken between the fold files' beats of a
record. Without the V smoothing (both arms alike). Prints, for the rule with the irregularity slope
alone and with the two timing slopes added, the macro F1 where each fold is decided by the rule
fitted to the other folds (held out) and, in sample, the rule fitted to all folds, then per fold
the S beats the held-out rule finds and the beats it calls S.

  python3 models/results/screens/rr_slopes.py runs/cv-hp-experts-ens3
"""
import argparse

import numpy as np

from morphology_smoothing import CLASSES, read_fold_files, records_in_time

RATE = 360.0
SCORED = [0, 1, 2, 3]  # N, S, V, F
S = 1


def timing(samples):
    """Per beat (time order): irregularity, ln(previous / local), ln(next / local); 0 where undefined."""
    s = np.asarray(samples, dtype=np.float64)
    rr = np.diff(s) / RATE
    n = len(s)
    prev = np.full(n, np.nan)
    prev[1:] = rr
    nxt = np.full(n, np.nan)
    nxt[:-1] = rr
    local = np.full(n, np.nan)
    for i in range(1, n):
        local[i] = prev[max(1, i - 9): i + 1].mean()
    irr = np.full(n, np.nan)
    deltas = []
    last = np.nan
    for i in range(n):
        if prev[i] > 0:
            if last > 0:
                deltas.append(abs(np.log(prev[i] / last)))
                deltas = deltas[-16:]
            last = prev[i]
        if deltas:
            irr[i] = np.median(deltas)
    x1 = np.log(prev / local)
    x2 = np.log(nxt / local)
    return np.nan_to_num(np.vstack([irr, x1, x2]).T, nan=0.0)


def macro_f1(labels, predicted):
    f = []
    for c in SCORED:
        tp = np.sum((predicted == c) & (labels == c))
        fp = np.sum((predicted == c) & (labels != c))
        fn = np.sum((predicted != c) & (labels == c))
        if tp + fp + fn > 0:
            f.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f)) if f else 0.0


def decide(logp, b, slopes, x):
    z = logp + b
    z[:, S] += x @ slopes
    return z.argmax(1)


def fit(logp, labels, x, grids):
    """Offsets of S, V, F and one S slope per column of x (grids: (lo, hi, step) per column)."""
    b = np.zeros(len(CLASSES))
    slopes = np.zeros(x.shape[1])
    best = macro_f1(labels, decide(logp, b, slopes, x))

    def search(values, j, lo, hi, step):
        nonlocal best
        keep = values[j]
        best_value = keep
        for v in np.round(np.arange(lo, hi + step / 2, step), 3):
            values[j] = v
            f = macro_f1(labels, decide(logp, b, slopes, x))
            if f > best + 1e-12 or (abs(f - best) <= 1e-12 and abs(v) < abs(best_value)):
                best, best_value = f, v
        values[j] = best_value
        return best_value != keep

    for _ in range(10):
        changed = False
        for c in (1, 2, 3):
            changed |= search(b, c, -3, 5, 0.05)
        for j, (lo, hi, step) in enumerate(grids):
            changed |= search(slopes, j, lo, hi, step)
        if not changed:
            break
    return b, slopes, best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--folds", type=int, default=4)
    a = ap.parse_args()
    rows, flat, p, labels_text = read_fold_files(a.dir, a.folds)
    labels = np.array([CLASSES.index(t) for t in labels_text])
    fold = np.concatenate([np.full(len(part), k) for k, part in enumerate(rows)])
    x = np.zeros((len(flat), 3))
    for beats in records_in_time(flat).values():
        x[beats] = timing([int(flat[i]["sample"]) for i in beats])
    logp = np.log(np.maximum(p, 1e-30))
    arms = {
        "irregularity slope": ([0], [(-30, 0, 0.5)]),
        "irregularity + timing slopes": ([0, 1, 2], [(-30, 0, 0.5), (-10, 10, 0.5), (-10, 10, 0.5)]),
    }
    for name, (columns, grids) in arms.items():
        xs = x[:, columns]
        predicted = np.zeros(len(labels), dtype=int)
        rules = []
        for k in range(a.folds):
            train = fold != k
            b, slopes, _ = fit(logp[train], labels[train], xs[train], grids)
            predicted[~train] = decide(logp[~train], b, slopes, xs[~train])
            rules.append("S %+.2f V %+.2f F %+.2f slopes %s" % (b[1], b[2], b[3], " ".join("%+.1f" % s for s in slopes)))
        b, slopes, in_sample = fit(logp, labels, xs, grids)
        f1 = []
        for c in SCORED:
            tp = np.sum((predicted == c) & (labels == c))
            f1.append(2 * tp / (np.sum(predicted == c) + np.sum(labels == c)))
        print("%-30s held out %.3f (F1 N %.3f S %.3f V %.3f F %.3f); in sample %.3f; rules without fold: %s" % (
            name, macro_f1(labels, predicted), *f1, in_sample, " | ".join(rules)))
        print("  held out, per fold: " + " | ".join("%d: %d of %d S beats called S, %d beats called S" % (
            k, np.sum((predicted == S) & (labels == S) & (fold == k)), np.sum((labels == S) & (fold == k)),
            np.sum((predicted == S) & (fold == k))) for k in range(a.folds)))


if __name__ == "__main__":
    main()
