#!/usr/bin/env python3
"""Screen: do the intervals before a beat's previous one help the inter-patient classifier?

The networks see a beat's previous and next RR intervals, the mean of the last 10 and the mean of
the last 256, so they see a beat's prematurity against the recent rhythm but not the rhythm's
pattern: whether the beat ends a run of early beats (supraventricular tachycardia, runs of atrial
premature beats), follows a pause, or sits in a bigeminal alternation. This screen trains the
recipe of premature_augment.py (second_lead.py's MLII network with the S timing lent to 2% of
regular N beats) on the same four patient-wise folds of DS1, with --history H more RR values per
beat: ln(RR_{i-j} / local) for the j = 1..H intervals before the previous one (local: the mean of
the last 10 intervals up to the previous one, as the other values; cut to [-2, 2]; 0 where the
record has no such interval). They are causal, so a stream could give them. A beat lent the S timing
keeps its own earlier intervals, those of a regular rhythm. --history 0 is premature_augment.py's
run exactly.

  python3 models/results/screens/rr_history.py --history 4 --seed 42 --out runs/rr-history/H4-s42
  python3 models/results/screens/rr_history.py --history 0 --seed 42 --out runs/rr-history/H0-s42
  python3 models/results/screens/second_lead.py --score runs/rr-history/H0-s42 runs/rr-history/H4-s42 ...
"""
import numpy as np

import premature_augment as pa
import second_lead as sl


def history_values(times, history):
    """Per annotated beat (all of a record's beats, time order): ln(RR_{i-j} / local), j = 1..history."""
    t = np.asarray(times, dtype=np.float64) / sl.FS
    n = len(t)
    prev = np.full(n, np.nan)
    prev[1:] = np.diff(t)
    local = np.empty(n)
    for i in range(n):
        iv = prev[max(1, i - 9):i + 1]
        iv = iv[~np.isnan(iv)]
        local[i] = iv.mean() if len(iv) else 0.8
    out = np.zeros((n, history), dtype=np.float32)
    for j in range(1, history + 1):
        earlier = np.full(n, np.nan)
        earlier[j:] = prev[:n - j]  # the interval ending at beat i - j
        v = np.clip(np.log(earlier / local), -2, 2)
        out[:, j - 1] = np.where(np.isfinite(v), v, 0)
    return out


def load(rec, history):
    """second_lead.load for MLII, with the history values joined to the nine RR values."""
    x, rr, y = sl.load(rec, 1)
    if history == 0:
        return x, rr, y
    ann, keep = sl.beat_times(rec)
    h = history_values(ann, history)[keep]
    return x, np.concatenate([rr, h], 1), y


def main():
    a = sl.screen_arguments({"--fraction": 0.02}, {"--history": (4, 0, 32)})
    network = sl.Cnn
    sl.Cnn = lambda cin: network(cin, rr=9 + a.history)
    sl.run_screen(a, pa.timing_transplant(a.fraction), lambda record: load(record, a.history))


if __name__ == "__main__":
    main()
