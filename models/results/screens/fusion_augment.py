#!/usr/bin/env python3
"""Screen: do fusion beats made from each patient's own N and V beats help the classifier find F?

DS1's F beats come almost all from one patient (record 208). A fusion beat is a sinus and a
ventricular activation meeting, its shape between the patient's normal and ventricular shapes,
at about the sinus time. On top of the recipe of premature_augment.py (S timing at --s-timing),
each N beat in a regular rhythm (|ln(prev/local)| < 0.1 and |ln(next/local)| < 0.1) of a training
record that has V beats becomes, with probability --fraction, an F beat whose input channels are
a chan(N) + (1 - a) chan(V): V a random V beat of the same record, a uniform in [0.3, 0.7], the
first (z-scored) channel z-scored again; its RR values stay the N beat's. The fusion is drawn
before the S timing, and a beat made F is not lent S timing.

  python3 models/results/screens/fusion_augment.py --fraction 0.02 --seed 42 --out runs/premature/FU-s42
  python3 models/results/screens/second_lead.py --score runs/premature/FU-s42 ...
"""
import numpy as np
import torch

import premature_augment as pa
import second_lead as sl

N, V, F = 0, 2, 3


def fusion_then_timing(fraction, s_timing):
    """make_augment for second_lead.run_folds: fusion beats, then the S timing of premature_augment."""
    timing = pa.timing_transplant(s_timing) if s_timing > 0 else None

    def make(x, rr, y, rec, seed):
        s_aug = timing(rr=rr, y=y, seed=seed) if timing else None
        xs = torch.from_numpy(x)
        v_of = {r: np.flatnonzero((rec == r) & (y == V)) for r in np.unique(rec)}
        rng = np.random.default_rng(seed + 11)

        def augment(xb, rb, yb, idx):
            regular = (yb == N) & (np.abs(rb[:, pa.PL]) < 0.1) & (np.abs(rb[:, pa.NL]) < 0.1)
            draw = rng.random(len(yb))
            pick = [i for i in np.flatnonzero(regular & (draw < fraction)) if len(v_of[rec[idx[i]]]) > 0]
            if pick:
                xb = xb.clone()
                for i in pick:
                    vs = v_of[rec[idx[i]]]
                    v = xs[vs[rng.integers(0, len(vs))]]
                    a = float(rng.uniform(0.3, 0.7))
                    mix = a * xb[i] + (1 - a) * v
                    z = mix[0]
                    mix[0] = (z - z.mean()) / z.std(unbiased=False).clamp_min(1e-6)
                    xb[i] = mix
                    yb[i] = F
            if s_aug is not None:
                xb, rb, yb = s_aug(xb, rb, yb, idx)
            return xb, rb, yb
        return augment
    return make


def main():
    a = sl.screen_arguments({"--fraction": 0.02, "--s-timing": 0.02})
    sl.run_screen(a, fusion_then_timing(a.fraction, a.s_timing))


if __name__ == "__main__":
    main()
