#!/usr/bin/env python3
"""Screen: the S probability of the class-experts combination from all six networks, not three.

The shipped combination takes S from the ensemble of three relative-input CNNs and every other
class from the ensemble of three context CNNs. This screen takes S from the ensemble of all six,
their normalised geometric mean (which is the normalised geometric mean of the two ensembles' rows),
and joins it to the context ensemble's row as `beatflow combine-predictions` joins an expert's
class (the column replaced, the row divided by its sum). Reads CONTEXT/fold-k.csv and
RELATIVE/fold-k.csv as `beatflow cross-validate` writes them; writes OUT/fold-k.csv for
`beatflow cross-validate --fold-files`.

  python3 models/results/screens/six_network_s.py runs/cv-hp-ens3 runs/cv-hp-rel-ens3 runs/cv-six-s
"""
import argparse

import numpy as np

from morphology_smoothing import CLASSES, read_fold_files, write_fold_files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("context")
    ap.add_argument("relative")
    ap.add_argument("out")
    ap.add_argument("--folds", type=int, default=4)
    a = ap.parse_args()
    rows, flat, context, _ = read_fold_files(a.context, a.folds)
    _, other, relative, _ = read_fold_files(a.relative, a.folds)
    if [(r["record"], r["sample"]) for r in flat] != [(r["record"], r["sample"]) for r in other]:
        raise SystemExit("the two directories' fold files do not hold the same beats in the same order")
    six = np.sqrt(np.maximum(context, 1e-30) * np.maximum(relative, 1e-30))
    six /= six.sum(1, keepdims=True)
    s = CLASSES.index("S")
    q = context.copy()
    q[:, s] = six[:, s]
    q /= q.sum(1, keepdims=True)
    write_fold_files(a.out, rows, q)
    print("wrote %d beats to %s/fold-0.csv .. fold-%d.csv" % (len(q), a.out, a.folds - 1))


if __name__ == "__main__":
    main()
