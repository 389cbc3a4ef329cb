#!/usr/bin/env python3
"""Screen of a per-patient baseline term for the decision rule, on cross-validation fold files.

Reads DIR/fold-0.csv .. fold-3.csv as `beatflow cross-validate` writes them (out-of-fold
probabilities before any rule) and judges two rule kinds on held-out folds, as
`DecisionRule.fitHeldOut` does: for each fold, the rule is fitted to the other three folds and
decides that fold's beats; the macro F1 (N, S, V, F) pools the four folds' decisions.

  shipped kind : log-prior offsets of S, V, F and an S slope per unit of RR irregularity
                 (the median |ln(RR_k / RR_k-1)| of the last 16 pairs), the fit of DecisionRule
  with baseline: the same, and for each class in --classes a weight w_c (0..1, step 0.05) by which
                 the beat's score of c falls with the patient's recent level of ln(p_c / p_N): the
                 --quantile of it over the record's last --window beats, the beat itself included
                 (causal, as a stream would score it)

The coordinate ascent and its grids are those of DecisionRule.fit (offsets -3..5 by 0.05, slope
-30..0 by 0.5, ties to the value nearest 0), so the shipped kind's figure equals the one
`cross-validate` prints after "each fold decided by the rule fitted to the other folds".

  python3 models/results/screens/patient_baseline.py runs/cv-experts-ens3 --classes V
"""
import argparse
import csv

import numpy as np

CLASSES = ["N", "S", "V", "F", "Q"]
SCORED = [0, 1, 2, 3]
RATE_HZ = 360.0


def load(folder):
    rows = []
    for k in range(4):
        with open(f"{folder}/fold-{k}.csv") as f:
            r = csv.reader(f)
            next(r)
            for x in r:
                rows.append((k, int(x[0]), int(x[1]), CLASSES.index(x[2]), [float(v) for v in x[3:8]]))
    fold = np.array([r[0] for r in rows])
    record = np.array([r[1] for r in rows])
    sample = np.array([r[2] for r in rows])
    label = np.array([r[3] for r in rows])
    logp = np.log(np.maximum(np.array([r[4] for r in rows]), 1e-30))
    return fold, record, sample, label, logp


def in_time_order(record, sample):
    for r in np.unique(record):
        idx = np.where(record == r)[0]
        yield idx[np.argsort(sample[idx])]


def irregularity(record, sample, pairs=16):
    out = np.zeros(len(record))
    for idx in in_time_order(record, sample):
        last, deltas = np.nan, []
        for j, i in enumerate(idx):
            if j > 0:
                rr = (sample[i] - sample[idx[j - 1]]) / RATE_HZ
                if last > 0:
                    deltas = (deltas + [abs(np.log(rr / last))])[-pairs:]
                last = rr
            out[i] = np.median(deltas) if deltas else 0.0
    return out


def baseline(record, sample, logp, c, quantile, window):
    out = np.zeros(len(record))
    score = logp[:, c] - logp[:, 0]
    for idx in in_time_order(record, sample):
        v = score[idx]
        for j, i in enumerate(idx):
            out[i] = np.quantile(v[max(0, j + 1 - window):j + 1], quantile)
    return out


def f1s(label, pred):
    out = []
    for c in SCORED:
        tp = np.sum((pred == c) & (label == c))
        fp = np.sum((pred == c) & (label != c))
        fn = np.sum((pred != c) & (label == c))
        out.append(2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn > 0 else np.nan)
    return out


def decide(logp, b, slope, irr, w, base):
    return np.argmax(logp + b[None, :] + slope[None, :] * irr[:, None] - w[None, :] * base, axis=1)


def fit(label, logp, irr, base, weighted):
    b, slope, w = np.zeros(5), np.zeros(5), np.zeros(5)
    best = [np.nanmean(f1s(label, decide(logp, b, slope, irr, w, base)))]

    def search(values, c, grid):
        keep = bv = values[c]
        for v in grid:
            values[c] = v
            f = np.nanmean(f1s(label, decide(logp, b, slope, irr, w, base)))
            if f > best[0] + 1e-12 or (abs(f - best[0]) <= 1e-12 and abs(v) < abs(bv)):
                best[0], bv = f, v
        values[c] = bv
        return bv != keep

    offsets = np.round(np.arange(-3, 5.0001, 0.05), 3)
    slopes = np.round(np.arange(-30, 0.0001, 0.5), 3)
    weights = np.round(np.arange(0, 1.0001, 0.05), 3)
    for _ in range(10):
        changed = False
        for c in (1, 2, 3):
            changed |= search(b, c, offsets)
        changed |= search(slope, 1, slopes)
        for c in weighted:
            changed |= search(w, c, weights)
        if not changed:
            break
    return b, slope, w


def held_out(fold, label, logp, irr, base, weighted):
    pred = np.zeros(len(label), dtype=int)
    for k in range(4):
        fit_at, judge_at = fold != k, fold == k
        b, slope, w = fit(label[fit_at], logp[fit_at], irr[fit_at], base[fit_at], weighted)
        pred[judge_at] = decide(logp[judge_at], b, slope, irr[judge_at], w, base[judge_at])
        print(f"  rule without fold {k}: offsets S V F {b[1]:+.2f} {b[2]:+.2f} {b[3]:+.2f}, S slope {slope[1]:.1f},"
              f" baseline weights " + " ".join(f"{CLASSES[c]} {w[c]:.2f}" for c in weighted))
    f = f1s(label, pred)
    return np.nanmean(f), f


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder")
    p.add_argument("--classes", default="V", help="classes given a baseline term, e.g. V or S,V")
    p.add_argument("--quantile", type=float, default=0.5)
    p.add_argument("--window", type=int, default=256)
    a = p.parse_args()
    weighted = [CLASSES.index(c) for c in a.classes.split(",")]
    fold, record, sample, label, logp = load(a.folder)
    irr = irregularity(record, sample)
    base = np.zeros_like(logp)
    for c in weighted:
        base[:, c] = baseline(record, sample, logp, c, a.quantile, a.window)
    for name, classes in (("shipped kind", []), ("with baseline", weighted)):
        print(name)
        m, f = held_out(fold, label, logp, irr, base, classes)
        print(f"held out: macro F1 (N, S, V, F) {m:.3f} (F1 " + " ".join(
            f"{CLASSES[c]} {f[i]:.3f}" for i, c in enumerate(SCORED)) + ")")


if __name__ == "__main__":
    main()
