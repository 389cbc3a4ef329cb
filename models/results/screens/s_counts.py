#!/usr/bin/env python3
"""Per record, the S beats found and the false S calls at the arg-max of out-of-fold predictions.

Reads DIR/fold-k.csv as `beatflow cross-validate` (or `combine-predictions`) writes them, for each
DIR given, and prints the records with at least --min S beats or false S calls in any of them, then
the totals over N, S, V and F reference beats (Q beats are left out, as the decision rule's figures
leave them out).

  python3 models/results/screens/s_counts.py runs/cv-h-refit runs/cv-zr-experts-ens3
"""
import argparse

import numpy as np

from morphology_smoothing import CLASSES, read_fold_files


def counts(directory, folds):
    """{record: [S beats, found, false S]} over the rows labelled N, S, V or F."""
    _, flat, p, labels = read_fold_files(directory, folds)
    called = np.array(CLASSES)[p.argmax(axis=1)]
    out = {}
    for row, label, call in zip(flat, labels, called):
        if label not in ("N", "S", "V", "F"):
            continue
        c = out.setdefault(row["record"], [0, 0, 0])
        c[0] += label == "S"
        c[1] += label == "S" and call == "S"
        c[2] += label != "S" and call == "S"
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--min", type=int, default=20)
    a = ap.parse_args()
    arms = [counts(d, a.folds) for d in a.dirs]
    print("record (S beats)  " + "  ".join("found / false (%s)" % d for d in a.dirs))
    for record in sorted(arms[0]):
        if any(arm[record][0] >= a.min or arm[record][2] >= a.min for arm in arms):
            print("%s (%d)  %s" % (record, arms[0][record][0],
                                   "  ".join("%d / %d" % (arm[record][1], arm[record][2]) for arm in arms)))
    print("all (%d)  %s" % (sum(c[0] for c in arms[0].values()),
                            "  ".join("%d / %d" % (sum(c[1] for c in arm.values()), sum(c[2] for c in arm.values()))
                                      for arm in arms)))


if __name__ == "__main__":
    main()
