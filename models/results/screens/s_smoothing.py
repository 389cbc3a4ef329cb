#!/usr/bin/env python3
"""Screen: smoothing the S probability over each patient's look-alike earlier beats, on cross-validation fold files.

Reads DIR/fold-0.csv .. fold-3.csv as `beatflow cross-validate` writes them (out-of-fold
probabilities before any rule) and the MLII samples of their records from $BEATFLOW_DATA/mitdb,
as morphology_smoothing.py does. The S probability of beat i becomes
(p_i + sum_j w_ij p_j) / (1 + sum_j w_ij) over the last --past beats j before it, w_ij = exp(-d_ij^2 / h_i^2),
h_i^2 = bandwidth^2 times the median, over the last --past beats, of each beat's squared distance to
its nearest earlier beat; the other classes are rescaled so the row sums to 1. Three distances:

  S1 window      : the model's whole input window (90 samples before the R peak, 166 from it), less its median
  S2 window + RR : S1's distance divided by the median of its nearest-earlier distances, plus the
                   same for the beat's RR shape (ln previous/local, ln next/local; local = mean of the
                   last 10 intervals), so that neither part dominates
  S3 P wave + RR : as S2, with the window's part before the QRS (90 to 20 samples before the R peak,
                   less its median) in place of the whole window

The RR intervals are taken between the beats of the fold file. Prints, per variant, S's AUROC and
its best F1 over every threshold (one class against the rest, pooled over the folds). --write
PREFIX writes each variant's fold files to PREFIX-s1, -s2, -s3 for `beatflow cross-validate
--fold-files`, which judges them with a fitted decision rule, each fold held out.

  BEATFLOW_DATA=../shared/data python3 models/results/screens/s_smoothing.py runs/cv-stime-experts-ens3 --write runs/screen-s
"""
import argparse
import os

import numpy as np

from morphology_smoothing import (CLASSES, auroc, best_f1, causal_column, mlii, read_fold_files, records_in_time,
                                  squared_distances, windows, write_fold_files)

P_WAVE = slice(0, 70)  # 90 to 20 samples before the R peak


def rr_shape(samples):
    """ln(previous / local) and ln(next / local) of each beat, local the mean of the last 10 intervals."""
    s = np.asarray(samples, dtype=np.float64)
    rr = np.diff(s)
    out = np.zeros((len(s), 2))
    for i in range(len(s)):
        ending = rr[max(0, i - 10):i]
        local = ending.mean() if len(ending) else (rr[:10].mean() if len(rr) else 1.0)
        previous = rr[i - 1] if i > 0 else local
        following = rr[i] if i < len(rr) else local
        out[i] = np.log(previous / local), np.log(following / local)
    return out


def running_median_of_nearest(d2, past):
    """Each beat's squared distance to its nearest earlier beat (within past), and the causal median of those."""
    n = len(d2)
    nearest = np.full(n, np.nan)
    median = np.full(n, np.nan)
    for i in range(1, n):
        nearest[i] = d2[i, max(0, i - past):i].min()
        known = nearest[max(1, i - past + 1): i + 1]
        median[i] = np.median(known)
    return median


def smooth_s(p, parts, bandwidth, past):
    """Causal S smoothing with the sum of the parts' squared distances, each divided by its running median."""
    if len(parts) == 1:
        d2 = parts[0]
    else:
        d2 = np.zeros((len(p), len(p)))
        for part in parts:
            scale = running_median_of_nearest(part, past)
            scale = np.where(np.isnan(scale) | (scale <= 0), 1.0, scale)
            d2 += part / scale[:, None]
    return causal_column(d2, p, CLASSES.index("S"), bandwidth, past)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--past", type=int, default=1000)
    ap.add_argument("--bandwidth", type=float, default=2.0)
    ap.add_argument("--write", help="write each variant's fold files to WRITE-s1, -s2, -s3")
    a = ap.parse_args()
    data = os.environ.get("BEATFLOW_DATA", "../shared/data")
    rows, flat, p, labels = read_fold_files(a.dir, a.folds)
    names = ["network", "s1", "s2", "s3"]
    results = {name: p.copy() for name in names}
    for record, beats in sorted(records_in_time(flat).items()):
        samples = [int(flat[i]["sample"]) for i in beats]
        w = windows(mlii(data, record), samples)
        pw = w[:, P_WAVE] - np.median(w[:, P_WAVE], axis=1, keepdims=True)
        whole, wave, rr = squared_distances(w), squared_distances(pw), squared_distances(rr_shape(samples))
        q = p[beats]
        results["s1"][beats] = smooth_s(q, [whole], a.bandwidth, a.past)
        results["s2"][beats] = smooth_s(q, [whole, rr], a.bandwidth, a.past)
        results["s3"][beats] = smooth_s(q, [wave, rr], a.bandwidth, a.past)
    positive = labels == "S"
    for name in names:
        score = results[name][:, CLASSES.index("S")]
        called = np.array(CLASSES)[results[name].argmax(1)]
        tp = int(((called == "S") & positive).sum())
        print("%-8s S AUROC %.4f best F1 %.3f  arg-max: %d of %d S beats called S, %d other beats called S" % (
            name, auroc(positive, score), best_f1(positive, score), tp, int(positive.sum()),
            int(((called == "S") & ~positive).sum())))
    if a.write:
        for name in names[1:]:
            write_fold_files("%s-%s" % (a.write, name), rows, results[name])


if __name__ == "__main__":
    main()
