#!/usr/bin/env python3
"""Screen: smoothing the V probability over each patient's look-alike beats, on cross-validation fold files.

Reads DIR/fold-0.csv .. fold-3.csv as `beatflow cross-validate` writes them (out-of-fold
probabilities before any rule) and the MLII samples of their records from
$BEATFLOW_DATA/mitdb (format 212). Each beat's window is 90 samples before its R peak to 166 from
it (the model's input window), less its median. The V probability of beat i becomes the weighted
mean of its own and those of other beats of the same record, w_ij = exp(-d_ij^2 / h^2), w_ii = 1,
d the Euclidean distance of two windows, h^2 = bandwidth^2 times the median of each beat's squared
distance to its nearest neighbour; the other classes are rescaled so the row sums to 1.

  whole record : neighbours are all the record's beats (offline only)
  causal       : neighbours are the last --past beats before it, the median taken over the last
                 --past beats up to it, each beat's nearest distance to its own earlier beats
                 (what beatflow's MorphologySmoothing does, so a stream can score the same way)

Prints, per variant, V's AUROC and its best F1 over every threshold of the V probability (one
class against the rest, pooled over the folds), then the beats the arg-max wrongly calls V, by
record and label, without and with the causal smoothing. --write OUT writes the causal variant's fold
files for `beatflow cross-validate --fold-files`. --region A:B gives every variant the window's samples A
to B-1 only (re-centred on their median): 60:130 is the QRS complex, 30 samples before the R peak to
40 after.

  BEATFLOW_DATA=../shared/data python3 models/results/screens/morphology_smoothing.py runs/cv-stime-experts-ens3
"""
import argparse
import csv
import os

import numpy as np

CLASSES = ["N", "S", "V", "F", "Q"]
BEFORE, AFTER = 90, 166


def mlii(data, record):
    """The MLII samples of a format-212 record (two signals per three bytes), in ADC units."""
    with open(os.path.join(data, "mitdb", record + ".hea")) as f:
        lines = f.read().splitlines()
    leads = [line.split()[-1] for line in lines[1:3]]
    raw = np.fromfile(os.path.join(data, "mitdb", record + ".dat"), dtype=np.uint8)
    triples = raw[: len(raw) // 3 * 3].reshape(-1, 3).astype(np.int32)
    first = triples[:, 0] | ((triples[:, 1] & 0x0F) << 8)
    second = triples[:, 2] | ((triples[:, 1] & 0xF0) << 4)
    signal = first if leads.index("MLII") == 0 else second
    signal = np.where(signal > 2047, signal - 4096, signal)
    return signal.astype(np.float64)


def windows(signal, samples):
    """Each R peak's window, zero outside the record, less its median."""
    out = np.zeros((len(samples), BEFORE + AFTER))
    for k, r in enumerate(samples):
        lo, hi = max(0, r - BEFORE), min(len(signal), r + AFTER)
        out[k, lo - (r - BEFORE): hi - (r - BEFORE)] = signal[lo:hi]
    return out - np.median(out, axis=1, keepdims=True)


def squared_distances(w):
    sq = (w * w).sum(1)
    return np.maximum(sq[:, None] + sq[None, :] - 2 * w @ w.T, 0)


def rescale(p, smoothed, columns):
    """Rows of p with the columns replaced by smoothed ones, the others scaled to fill the rest."""
    out = p.copy()
    out[:, columns] = smoothed
    others = [c for c in range(p.shape[1]) if c not in columns]
    rest = p[:, others].sum(1)
    out[:, others] = p[:, others] * ((1 - smoothed.sum(1)) / np.maximum(rest, 1e-12))[:, None]
    return out


def whole_record(w, p, bandwidth, columns):
    d2 = squared_distances(w)
    np.fill_diagonal(d2, np.inf)
    h2 = bandwidth ** 2 * np.median(d2.min(1))
    np.fill_diagonal(d2, 0)
    weight = np.exp(-d2 / h2)
    return rescale(p, (weight @ p[:, columns]) / weight.sum(1, keepdims=True), columns)


def causal_column(d2, p, column, bandwidth, past):
    """Column `column` of p smoothed causally over the squared distances d2 (beats in time order), the rest rescaled."""
    nearest = np.full(len(d2), np.nan)
    smoothed = p[:, [column]].copy()
    for i in range(len(d2)):
        lo = max(0, i - past)
        if i == lo:
            continue
        row = d2[i, lo:i]
        nearest[i] = row.min()
        known = nearest[lo + 1: i + 1]
        h2 = bandwidth ** 2 * np.median(known[~np.isnan(known)])
        weight = np.exp(-row / h2) if h2 > 0 else (row <= 0).astype(float)
        smoothed[i, 0] = (p[i, column] + weight @ p[lo:i, column]) / (1 + weight.sum())
    return rescale(p, smoothed, [column])


def causal(w, p, bandwidth, past):
    return causal_column(squared_distances(w), p, CLASSES.index("V"), bandwidth, past)


def auroc(positive, score):
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    # ties share their mean rank
    _, inverse, counts = np.unique(score, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    ranks = (sums / counts)[inverse]
    n = positive.sum()
    return (ranks[positive].sum() - n * (n + 1) / 2) / (n * (len(score) - n))


def best_f1(positive, score):
    order = np.argsort(-score, kind="mergesort")
    hit = positive[order]
    tp = np.cumsum(hit)
    fp = np.cumsum(~hit)
    return (2 * tp / (2 * tp + fp + (hit.sum() - tp))).max()


def read_fold_files(directory, folds):
    """DIR/fold-0.csv ..: the rows per fold, all rows, their probabilities and their labels."""
    rows = [list(csv.DictReader(open(os.path.join(directory, "fold-%d.csv" % k)))) for k in range(folds)]
    flat = [r for part in rows for r in part]
    p = np.array([[float(r["p_" + c]) for c in CLASSES] for r in flat])
    return rows, flat, p, np.array([r["label"] for r in flat])


def records_in_time(flat):
    """Each record's rows of flat in R-peak order: {record: [row indices]}, records as first met."""
    by_record = {}
    for i, r in enumerate(flat):
        by_record.setdefault(r["record"], []).append(i)
    return {record: sorted(beats, key=lambda i: int(flat[i]["sample"])) for record, beats in by_record.items()}


def write_fold_files(out_dir, rows, q):
    """The fold files of rows (one list per fold) with the probabilities q (rows in the same order, folds joined)."""
    os.makedirs(out_dir, exist_ok=True)
    at = 0
    for k, part in enumerate(rows):
        with open(os.path.join(out_dir, "fold-%d.csv" % k), "w") as out:
            out.write("record,sample,label," + ",".join("p_" + c for c in CLASSES) + "\n")
            for r in part:
                out.write("%s,%s,%s,%s\n" % (r["record"], r["sample"], r["label"],
                                             ",".join(repr(float(x)) for x in q[at])))
                at += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--past", type=int, default=1000)
    ap.add_argument("--write", help="write the causal variant's fold files here")
    ap.add_argument("--region", help="A:B, the part of the window the distances are taken on")
    a = ap.parse_args()
    data = os.environ.get("BEATFLOW_DATA", "../shared/data")
    rows, flat, p, labels = read_fold_files(a.dir, a.folds)
    v, f = CLASSES.index("V"), CLASSES.index("F")
    variants = {
        "network": lambda w, q: q,
        "whole record, bandwidth 1": lambda w, q: whole_record(w, q, 1.0, [v]),
        "whole record, bandwidth 2": lambda w, q: whole_record(w, q, 2.0, [v]),
        "whole record, bandwidth 1, V and F": lambda w, q: whole_record(w, q, 1.0, [v, f]),
        "causal, bandwidth 2, past %d" % a.past: lambda w, q: causal(w, q, 2.0, a.past),
    }
    results = {name: p.copy() for name in variants}
    for record, beats in records_in_time(flat).items():
        w = windows(mlii(data, record), [int(flat[i]["sample"]) for i in beats])
        if a.region:
            lo, hi = (int(x) for x in a.region.split(":"))
            w = w[:, lo:hi] - np.median(w[:, lo:hi], axis=1, keepdims=True)
        for name, smooth in variants.items():
            results[name][beats] = smooth(w, p[beats])
    for name, q in results.items():
        line = "%-40s" % name
        for c in ("V", "F"):
            positive = labels == c
            score = q[:, CLASSES.index(c)]
            line += "  %s AUROC %.4f best F1 %.3f" % (c, auroc(positive, score), best_f1(positive, score))
        print(line)
    for name in ("network", "causal, bandwidth 2, past %d" % a.past):
        called = np.array(CLASSES)[results[name].argmax(1)]
        false_v = {}
        for i in np.flatnonzero((called == "V") & (labels != "V")):
            key = "%s %s" % (flat[i]["record"], labels[i])
            false_v[key] = false_v.get(key, 0) + 1
        worst = sorted(false_v.items(), key=lambda kv: -kv[1])[:5]
        print("%s, arg-max: %d beats wrongly called V (most: %s), %d V beats missed" % (
            name, sum(false_v.values()), ", ".join("%s %d" % kv for kv in worst),
            int(((labels == "V") & (called != "V")).sum())))
    if a.write:
        write_fold_files(a.write, rows, results["causal, bandwidth 2, past %d" % a.past])


if __name__ == "__main__":
    main()
