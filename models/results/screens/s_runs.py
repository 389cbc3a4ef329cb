#!/usr/bin/env python3
"""Screen: does lending runs of premature timing to N beats help the inter-patient classifier find S
beats that come in runs?

The recipe's S timing (premature_augment.py) lends one real S beat's prematurity to single regular
N beats. But supraventricular ectopic beats also come in runs: three or more in a row are a
supraventricular tachycardia (MIT-BIH marks such episodes with the rhythm label SVTA; MIT-BIH
Arrhythmia Database directory), and every beat of an atrial run is an S beat by the AAMI classes
(ANSI/AAMI EC57). Inside a run a beat is early against the rhythm before the run, not against its
neighbours: after a few beats the mean of the last 10 intervals is the run's own rate, so only the
long-term ratio (ln(prev/long)) still says the beat is fast. DS1 holds few runs (mostly record
209), so the network sees that pattern on few patients.

This screen trains the recipe (MLII, the context input, the S timing lent to 2% of regular N beats)
with one change: in each training batch a beat may take its RR values from one of --realisations
copies of its record's rhythm in which runs were made. In each copy, runs of 3 to 15 N beats
(the length drawn uniformly), each starting at a regular N beat followed by N beats only, cover
about --run-fraction of the record's N beats; each run's intervals are the beat's own intervals
times the prematurity exp(ln(prev/local)) of a real S beat of the fold's training records drawn at
random among those at least 10% early (ln(prev/local) <= -0.1), times a jitter of exp(N(0, 0.03)).
The interval after the run is the record's own (the rhythm resumes). The nine RR values are
recomputed from the changed intervals, as for a record, for the run's beats (now S) and the 10
beats after it (still N, their local mean now holding the run). Windows are not changed: a real
run's beats hold the previous beat's T wave closer, which these lack.

With --run-fraction 0 it is premature_augment.py's run exactly (the same log-probabilities as
rr_history.py --history 0): the recipe's own draws come first and are not changed.

  python3 models/results/screens/s_runs.py --seed 42 --out runs/s-runs/R-s42        # seeds 42 to 47
  python3 models/results/screens/second_lead.py --score runs/rr-history/H0-s42 runs/s-runs/R-s42 ...
"""
import numpy as np

import premature_augment as pa
import second_lead as sl

AFTER_RUN = 10  # beats after a run whose RR values change with it (the local mean's 10 intervals)


def run_copies(rr, y, rec, fraction, realisations, rng):
    """Per copy, a map from a training row to (its RR values, its label) in a copy of its record's
    rhythm with runs made in it (see the module text)."""
    donors = rr[(y == pa.S) & (rr[:, pa.PL] <= -0.1), pa.PL]
    copies = [dict() for _ in range(realisations)]
    if len(donors) == 0 or fraction == 0:
        return copies
    regular = (y == 0) & (np.abs(rr[:, pa.PL]) < 0.1) & (np.abs(rr[:, pa.NL]) < 0.1)
    for j in np.unique(rec):
        rows = np.flatnonzero(rec == j)  # the record's beats, in time order
        n = len(rows)
        intervals = rr[rows, pa.PREV] + 0.8
        is_n = y[rows] == 0
        for copy in copies:
            changed = intervals.copy()
            labels = y[rows].copy()
            touched = np.zeros(n, dtype=bool)
            i = 1
            while i < n:
                length = int(rng.integers(3, 16))
                if (regular[rows[i]] and i + length + AFTER_RUN < n and is_n[i:i + length].all()
                        and rng.random() < fraction / 9.0):
                    factor = np.exp(donors[rng.integers(len(donors))])
                    changed[i:i + length] *= factor * np.exp(rng.normal(0.0, 0.03, length))
                    labels[i:i + length] = pa.S
                    touched[i:i + length + AFTER_RUN] = True
                    i += length + AFTER_RUN + 1
                else:
                    i += 1
            if not touched.any():
                continue
            times = np.concatenate([[0.0], np.cumsum(changed[1:])]) * sl.FS
            values = sl.rr_values(times)
            for k in np.flatnonzero(touched):
                copy[rows[k]] = (values[k], labels[k])
    return copies


def lend_runs(copies, pick, idx, rb, yb):
    """Gives each beat b of a batch (training row idx[b]) the RR values and label of its row in copy
    pick[b] of the runs, where that copy changed the row."""
    for b, (row, q) in enumerate(zip(idx, pick)):
        hit = copies[q].get(int(row))
        if hit is not None:
            rb[b], yb[b] = hit


def runs_and_timing(fraction, run_fraction, realisations):
    """make_augment for second_lead.run_folds: the recipe's S timing, then the runs' RR values."""
    timing = pa.timing_transplant(fraction)

    def make(x, rr, y, rec, seed, **_):
        single = timing(rr=rr, y=y, seed=seed)
        rng = np.random.default_rng(seed + 11)
        copies = run_copies(rr, y, rec, run_fraction, realisations, rng)
        lent = sum(sum(1 for v in c.values() if v[1] == pa.S) for c in copies) / max(1, realisations)
        print(f"  runs: {lent:.0f} beats lent per copy of {np.sum(y == 0)} N beats", flush=True)

        def augment(xb, rb, yb, idx):
            xb, rb, yb = single(xb, rb, yb, idx)
            if run_fraction == 0:
                return xb, rb, yb
            lend_runs(copies, rng.integers(0, realisations, len(idx)), idx, rb, yb)
            return xb, rb, yb
        return augment
    return make


def main():
    a = sl.screen_arguments({"--fraction": 0.02, "--run-fraction": 0.01}, {"--realisations": (8, 1, 64)})
    sl.run_screen(a, runs_and_timing(a.fraction, a.run_fraction, a.realisations))


if __name__ == "__main__":
    main()
