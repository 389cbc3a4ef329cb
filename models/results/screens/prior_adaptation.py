#!/usr/bin/env python3
"""Screen: adapting the class priors to each patient, causally, on cross-validation fold files.

An inter-patient classifier's probabilities carry the class mix of its training patients, while
the mix changes from patient to patient far more than anything else (DS1's S beats are mostly in
five of its 22 records). Label shift, with the class-conditional shapes fixed and only the priors
moving, is corrected by re-weighting each probability by the ratio of the new prior to the old
(Saerens, Latinne and Decaestecker 2002, Neural Computation 14: 21-41); the new prior can be
estimated from unlabelled beats as the mean of the model's probabilities over them (the first step
of their EM).

Here, for beat i of a record (beats in time order), over the last --past beats before it (not i
itself):

  estimate_c = (sum of p_jc over those beats + K m_c) / (number of those beats + K)
  q_ic proportional to p_ic (estimate_c / m_c) ^ lambda, for the adapted classes c; the others keep
  p_ic, and each row is scaled to sum to 1

m_c is the mean of p_c over every out-of-fold beat of the fold files (the reference mix; no label
is read), K = --pseudo-beats pulls a record's first estimates towards it. Reads DIR/fold-0.csv ..
fold-3.csv as `beatflow cross-validate` writes them (out-of-fold probabilities before any rule).

Prints, per variant, each class's AUROC and best F1 over every threshold of its probability (one
class against the rest, pooled over the folds). --write PREFIX writes each variant's fold files to
PREFIX-<variant> for `beatflow cross-validate --fold-files`, which judges them with a fitted
decision rule, each fold held out.

  python3 models/results/screens/prior_adaptation.py runs/cv-hp-experts-ens3 --write runs/screen-prior
"""
import argparse

import numpy as np

from morphology_smoothing import CLASSES, auroc, best_f1, read_fold_files, records_in_time, write_fold_files


def adapt(p, reference, columns, past, pseudo_beats, power):
    """p's rows (one record, time order) re-weighted by each column's causal prior estimate against the reference."""
    cumulative = np.vstack([np.zeros((1, p.shape[1])), np.cumsum(p, axis=0)])
    out = p.copy()
    for i in range(len(p)):
        lo = max(0, i - past)
        n = i - lo
        estimate = (cumulative[i, columns] - cumulative[lo, columns] + pseudo_beats * reference[columns]) / (
            n + pseudo_beats)
        out[i, columns] = p[i, columns] * (estimate / reference[columns]) ** power
    return out / out.sum(1, keepdims=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--past", type=int, default=1000)
    ap.add_argument("--pseudo-beats", type=float, default=100)
    ap.add_argument("--power", type=float, default=1.0)
    ap.add_argument("--write", help="write each variant's fold files to WRITE-<variant>")
    a = ap.parse_args()
    rows, flat, p, labels = read_fold_files(a.dir, a.folds)
    reference = p.mean(0)
    print("reference mix (mean out-of-fold probability): " + ", ".join(
        "%s %.4f" % (c, m) for c, m in zip(CLASSES, reference)))
    variants = {
        "network": None,
        "a": [CLASSES.index("S")],
        "b": [CLASSES.index(c) for c in ("N", "S", "V", "F")],
    }
    results = {name: p.copy() for name in variants}
    for beats in records_in_time(flat).values():
        for name, columns in variants.items():
            if columns is not None:
                results[name][beats] = adapt(p[beats], reference, columns, a.past, a.pseudo_beats, a.power)
    for name, q in results.items():
        line = "%-8s" % name
        for c in ("S", "V", "F"):
            positive = labels == c
            score = q[:, CLASSES.index(c)]
            line += "  %s AUROC %.4f best F1 %.3f" % (c, auroc(positive, score), best_f1(positive, score))
        print(line)
        if a.write and name != "network":
            write_fold_files("%s-%s" % (a.write, name), rows, q)


if __name__ == "__main__":
    main()
