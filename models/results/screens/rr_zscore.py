#!/usr/bin/env python3
"""Screen: does a beat's prematurity measured against its own patient's rhythm variability help the
inter-patient classifier find S beats?

The networks see ln(prev/local), how early a beat is against the mean of the last 10 intervals. How
early is early differs between patients: a beat 20% early is far outside the rhythm of a patient in
regular sinus rhythm and unremarkable in atrial fibrillation, where successive intervals differ by
that much all the time. On DS1, out of fold, the recipe finds 32 of record 118's 96 S beats (median
prev/local 0.78 against 0.97 for the tenth percentile of its N beats) while it marks 216 of record
201's beats (atrial fibrillation) S. Sinus arrhythmia and atrial fibrillation are told from
premature beats by their variability, not by one interval (Tateno and Glass, Med Biol Eng Comput
2001, for the RR basis of atrial-fibrillation detection).

This screen trains the recipe (MLII, the context input, the S timing lent to 2% of regular N beats;
premature_augment.py) with two more RR values per beat: robust z-scores of ln(prev/local) and of
ln(prev/next) against the same value's median and median absolute deviation over the beat's last
--window beats, itself included (MAD times 1.4826, floored at 0.02), divided by 4 and cut to
[-3, 3]. They are causal, so a stream could give them. A beat lent the S timing gets z-scores of
the lent values against its own record's median and deviation at that beat.

With --window 0 it is premature_augment.py's run exactly (the same log-probabilities as
rr_history.py --history 0).

--run-fraction F (default 0) adds s_runs.py's runs of premature timing (3 to 15 beats, about F of
the N beats, 8 copies of each record's rhythm): the z-scores count inside a run as ordinary
variability once the run fills enough of the window, which costs S beats in runs; the runs teach
the long-term prematurity instead. The z-scores of a run's beats and of the 10 after it are
recomputed on the copy's rhythm (beats further on keep their own, though their window may hold the
run). Same rule as above, set before its first run, against the same recipe runs.

Rule, set before the first run: build it in beatflow only if, over seeds 42 to 47, the mean
held-out macro F1 (offsets fitted on the other folds; second_lead.py --score) is at least 0.015
above the recipe's (runs/rr-history/H0-s42..47), with at least 4 seeds of 6 above their own
recipe run, and the mean S AUROC is not lower.

  python3 models/results/screens/rr_zscore.py --seed 42 --out runs/rr-zscore/Z-s42     # seeds 42 to 47
  python3 models/results/screens/rr_zscore.py --run-fraction 0.01 --seed 42 --out runs/rr-zscore/ZR-s42
  python3 models/results/screens/second_lead.py --score runs/rr-history/H0-s42 runs/rr-zscore/Z-s42 ...
"""
import numpy as np

import premature_augment as pa
import s_runs
import second_lead as sl

Z_VALUES = 2  # z of ln(prev/local), z of ln(prev/next)
MAD_FLOOR = 0.02
SCALE = 4.0
LIMIT = 3.0


def robust_centre_scale(v, window):
    """Per position i, the median and the scale (MAD x 1.4826, at least MAD_FLOOR) of v[i-window+1 .. i]."""
    n = len(v)
    centre, scale = np.empty(n), np.empty(n)
    for i in range(n):
        h = v[max(0, i - window + 1):i + 1]
        m = np.median(h)
        centre[i] = m
        scale[i] = max(1.4826 * np.median(np.abs(h - m)), MAD_FLOOR)
    return centre, scale


def z_values(values, centre, scale):
    return np.clip((values - centre) / scale / SCALE, -LIMIT, LIMIT)


def load(rec, window):
    """second_lead.load for MLII with Z_VALUES z-scores, then (hidden from the network) each value's
    centre and scale, which the augmentation needs."""
    x, rr, y = sl.load(rec, 1)
    if window == 0:
        return x, rr, y
    ann, keep = sl.beat_times(rec)
    full = sl.rr_values(ann)
    cols = []
    hidden = []
    for c in (pa.PL, pa.PN):
        centre, scale = robust_centre_scale(full[:, c].astype(np.float64), window)
        cols.append(z_values(full[:, c], centre, scale))
        hidden += [centre, scale]
    extra = np.stack(cols + hidden, 1).astype(np.float32)[keep]
    return x, np.concatenate([rr, extra], 1), y


def z_copies(rr, rec, copies, window):
    """s_runs.run_copies' copies, each row's nine RR values joined by its z-scores (and their centre and
    scale) recomputed on the copy's rhythm."""
    out = [dict() for _ in copies]
    for q, copy in enumerate(copies):
        if not copy:
            continue
        for j in np.unique(rec):
            rows = np.flatnonzero(rec == j)
            touched = [k for k, row in enumerate(rows) if int(row) in copy]
            if not touched:
                continue
            values = rr[rows, :9].copy()
            for k in touched:
                values[k] = copy[int(rows[k])][0]
            for k in touched:
                extra = []
                zs = []
                for c in (pa.PL, pa.PN):
                    h = values[max(0, k - window + 1):k + 1, c].astype(np.float64)
                    m = np.median(h)
                    sc = max(1.4826 * np.median(np.abs(h - m)), MAD_FLOOR)
                    zs.append(z_values(values[k, c], m, sc))
                    extra += [m, sc]
                row = np.concatenate([values[k], zs, extra]).astype(np.float32)
                out[q][int(rows[k])] = (row, copy[int(rows[k])][1])
    return out


def timing_with_z(fraction, window, run_fraction, realisations=8):
    """The recipe's S timing; a lent beat's z-scores are recomputed from its lent values. With
    run_fraction, then the runs' RR values and z-scores (see the module text)."""
    timing = pa.timing_transplant(fraction)

    def make(rr, y, seed, rec, **_):
        single = timing(rr=rr, y=y, seed=seed)
        copies = []
        if run_fraction > 0:
            rng = np.random.default_rng(seed + 11)
            copies = z_copies(rr, rec, s_runs.run_copies(rr[:, :9], y, rec, run_fraction, realisations, rng),
                              window)
            lent = sum(sum(1 for v in c.values() if v[1] == pa.S) for c in copies) / realisations
            print(f"  runs: {lent:.0f} beats lent per copy of {np.sum(y == 0)} N beats", flush=True)

        def augment(xb, rb, yb, idx):
            before = yb.copy()
            xb, rb, yb = single(xb, rb, yb, idx)
            lent = np.flatnonzero((before == 0) & (yb == pa.S))
            for k, c in enumerate((pa.PL, pa.PN)):
                centre, scale = rb[lent, 9 + Z_VALUES + 2 * k], rb[lent, 9 + Z_VALUES + 2 * k + 1]
                rb[lent, 9 + k] = z_values(rb[lent, c], centre, scale)
            if copies:
                s_runs.lend_runs(copies, rng.integers(0, realisations, len(idx)), idx, rb, yb)
            return xb, rb, yb
        return augment
    return make


def main():
    a = sl.screen_arguments({"--fraction": 0.02, "--run-fraction": 0.0}, {"--window": (256, 0, 4096)})
    if a.window == 0 and a.run_fraction > 0:
        raise SystemExit("--run-fraction needs --window above 0 (for runs alone, s_runs.py)")
    if a.window > 0:
        network = sl.Cnn

        class ZCnn(network):
            def __init__(self, cin):
                super().__init__(cin, rr=9 + Z_VALUES)

            def forward(self, x, rr):
                return super().forward(x, rr[:, :9 + Z_VALUES])
        sl.Cnn = ZCnn
        sl.run_screen(a, timing_with_z(a.fraction, a.window, a.run_fraction), lambda record: load(record, a.window))
    else:
        sl.run_screen(a, pa.timing_transplant(a.fraction))


if __name__ == "__main__":
    main()
