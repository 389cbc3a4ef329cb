#!/usr/bin/env python3
"""Screen: does lending real S beats' timing to N beats of other morphologies help the
inter-patient classifier find S beats?

DS1's S beats come from few patients (209, 201, 207, 118, 220 and 223 hold most of them), so the
network sees the S timing (premature, then a pause) on few beat shapes. This screen trains the
recipe of second_lead.py (MLII, two channels, nine RR values) on the same four patient-wise folds
of DS1 with one change: in each training batch, every N beat in a regular rhythm
(|ln(prev/local)| < 0.1 and |ln(next/local)| < 0.1) becomes, with probability --fraction, an S beat
whose previous and next RR intervals take the timing, relative to its own local mean RR, of a real S
beat drawn at random from the fold's training records. The RR values that depend on the previous
and next intervals are recomputed; the local and long means are kept. The window is not changed:
a real premature beat's window also holds the previous beat's T wave closer and, for an atrial
beat, an ectopic P wave, which these beats lack.

  python3 models/results/screens/premature_augment.py --fraction 0.02 --seed 42 --out runs/premature/P-s42
  python3 models/results/screens/second_lead.py --score runs/premature/P-s42 ...
"""
import numpy as np

import second_lead as sl

# Columns of second_lead.rr_values: prev-0.8, next-0.8, local-0.8, ln(prev/local), ln(next/local),
# ln(prev/next), ln(prev/long), ln(next/long), ln(local/long).
PREV, NEXT, LOCAL, PL, NL, PN, PLONG, NLONG, LLONG = range(9)
S = 1


def timing_transplant(fraction):
    """make_augment for second_lead.run_folds: the fold's real S timings, lent to regular N beats."""
    def make(rr, y, seed, **_):
        donors = rr[y == S][:, [PL, NL]]
        rng = np.random.default_rng(seed + 7)

        def augment(xb, rb, yb, idx):
            regular = (yb == 0) & (np.abs(rb[:, PL]) < 0.1) & (np.abs(rb[:, NL]) < 0.1)
            pick = np.flatnonzero(regular & (rng.random(len(yb)) < fraction))
            if len(pick) == 0 or len(donors) == 0:
                return xb, rb, yb
            d = donors[rng.integers(0, len(donors), len(pick))]
            local = rb[pick, LOCAL] + 0.8
            long_ = local / np.exp(rb[pick, LLONG])
            prev, nxt = local * np.exp(d[:, 0]), local * np.exp(d[:, 1])
            rb[pick, PREV], rb[pick, NEXT] = prev - 0.8, nxt - 0.8
            rb[pick, PL], rb[pick, NL], rb[pick, PN] = d[:, 0], d[:, 1], np.log(prev / nxt)
            rb[pick, PLONG], rb[pick, NLONG] = np.log(prev / long_), np.log(nxt / long_)
            yb[pick] = S
            return xb, rb, yb
        return augment
    return make


def main():
    a = sl.screen_arguments({"--fraction": 0.02})
    sl.run_screen(a, timing_transplant(a.fraction))


if __name__ == "__main__":
    main()
