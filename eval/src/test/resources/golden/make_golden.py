#!/usr/bin/python3
"""Golden values for beatflow's eval tests, from independent implementations.

ROC/PR curves, AUROC, average precision, Brier score, confusion matrices and the logistic
calibration fit come from scikit-learn; DeLong variances and the paired DeLong test come from the
direct O(m*n) placement-value form written below from DeLong, DeLong & Clarke-Pearson (1988),
eq. (2)-(5), which shares no code or algorithm with the Java midrank implementation.

Regenerate (Debian: apt-get install -y python3-sklearn):
    cd eval/src/test/resources/golden && /usr/bin/python3 make_golden.py > golden.json
The inputs are drawn from a seeded generator, so the output is stable for a given numpy.
"""
import json
import math
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix, f1_score,
                             precision_recall_curve, roc_auc_score, roc_curve)


def psi(x, y):
    return 1.0 if x > y else (0.5 if x == y else 0.0)


def delong_direct(models, labels):
    """AUCs and their covariance matrix by the definition (placement values), O(m*n)."""
    labels = np.asarray(labels, dtype=bool)
    k = len(models)
    pos = [np.asarray(s)[labels] for s in models]
    neg = [np.asarray(s)[~labels] for s in models]
    m, n = len(pos[0]), len(neg[0])
    v10 = np.zeros((k, m))
    v01 = np.zeros((k, n))
    aucs = []
    for r in range(k):
        mat = np.array([[psi(x, y) for y in neg[r]] for x in pos[r]])
        v10[r] = mat.mean(axis=1)
        v01[r] = mat.mean(axis=0)
        aucs.append(float(mat.mean()))
    s10 = np.cov(v10) if k > 1 else np.array([[np.var(v10[0], ddof=1)]])
    s01 = np.cov(v01) if k > 1 else np.array([[np.var(v01[0], ddof=1)]])
    cov = s10 / m + s01 / n
    return aucs, cov


def logistic_fit(p, y):
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    x = np.log(p / (1 - p)).reshape(-1, 1)
    lr = LogisticRegression(C=1e12, tol=1e-12, max_iter=10000, solver="lbfgs")
    lr.fit(x, y)
    return float(lr.intercept_[0]), float(lr.coef_[0][0])


def binary_case(name, scores, labels, calibration=True):
    scores = [float(s) for s in scores]
    labels = [int(v) for v in labels]
    fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=False)
    prec, rec, pthr = precision_recall_curve(labels, scores)
    with np.errstate(all="ignore"):
        aucs, cov = delong_direct([scores], labels)
    case = {
        "name": name,
        "scores": scores,
        "labels": labels,
        "roc_fpr": fpr.tolist(),
        "roc_tpr": tpr.tolist(),
        "roc_thresholds": thr[1:].tolist(),  # thr[0] is a placeholder above the largest score
        "pr_precision": prec.tolist(),
        "pr_recall": rec.tolist(),
        "pr_thresholds": pthr.tolist(),
        "auroc": float(roc_auc_score(labels, scores)),
        "average_precision": float(average_precision_score(labels, scores)),
        "brier": float(brier_score_loss(labels, scores)),
        "delong_auc": aucs[0],
        # undefined (null) with fewer than two positives or negatives
        "delong_variance": float(cov[0][0]) if min(sum(labels), len(labels) - sum(labels)) >= 2 else None,
    }
    if calibration:
        a, b = logistic_fit(scores, labels)
        case["calibration_intercept"] = a
        case["calibration_slope"] = b
    return case


def main():
    rng = np.random.default_rng(20261121)
    cases = []
    # random: 200 items, 40% positive, informative scores
    y = (rng.random(200) < 0.4).astype(int)
    s = 1 / (1 + np.exp(-(rng.normal(size=200) + 1.2 * (2 * y - 1))))
    cases.append(binary_case("random", np.round(s, 6), y))
    # tied: scores on a coarse grid of 6 values, many ties across classes
    y = (rng.random(150) < 0.5).astype(int)
    s = np.clip(np.round((rng.random(150) * 0.6 + 0.4 * y) * 5) / 5, 0, 1)
    cases.append(binary_case("tied", s, y))
    # imbalanced: 1000 items, 1% positive
    y = np.zeros(1000, dtype=int)
    y[rng.choice(1000, 10, replace=False)] = 1
    s = 1 / (1 + np.exp(-(rng.normal(size=1000) - 3 + 2.5 * y)))
    cases.append(binary_case("imbalanced", np.round(s, 6), y))
    # degenerate: every score equal (AUROC 0.5, one ROC step)
    y = np.array([0, 1, 0, 1, 1, 0, 0, 0])
    cases.append(binary_case("degenerate_constant", np.full(8, 0.3), y, calibration=False))
    # degenerate: a single positive, perfectly ranked
    y = np.array([0, 0, 0, 1, 0, 0])
    cases.append(binary_case("single_positive", [0.1, 0.2, 0.3, 0.9, 0.05, 0.4], y, calibration=False))

    # paired DeLong: two correlated models on the same 120 items
    y = (rng.random(120) < 0.35).astype(int)
    base = rng.normal(size=120)
    a = np.round(1 / (1 + np.exp(-(base + 1.0 * (2 * y - 1)))), 4)
    b = np.round(1 / (1 + np.exp(-(base + 0.6 * rng.normal(size=120) + 0.8 * (2 * y - 1)))), 4)
    aucs, cov = delong_direct([a, b], y)
    var = cov[0][0] + cov[1][1] - 2 * cov[0][1]
    z = (aucs[0] - aucs[1]) / math.sqrt(var)
    p = math.erfc(abs(z) / math.sqrt(2))
    paired = {"scores_a": a.tolist(), "scores_b": b.tolist(), "labels": y.tolist(),
              "auc_a": aucs[0], "auc_b": aucs[1], "z": z, "p_value": p}

    # multi-class confusion matrix (5 AAMI classes, class 4 never predicted)
    actual = rng.integers(0, 5, size=300)
    predicted = np.where(rng.random(300) < 0.7, actual, rng.integers(0, 4, size=300))
    cm = confusion_matrix(actual, predicted, labels=[0, 1, 2, 3, 4])
    multiclass = {"actual": actual.tolist(), "predicted": predicted.tolist(), "confusion": cm.tolist(),
                  "accuracy": float(accuracy_score(actual, predicted)),
                  "macro_f1": float(f1_score(actual, predicted, average="macro")),
                  "micro_f1": float(f1_score(actual, predicted, average="micro"))}

    out = {"generator": "make_golden.py", "sklearn_version": sklearn.__version__,
           "numpy_version": np.__version__, "binary": cases, "paired_delong": paired,
           "multiclass": multiclass}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
