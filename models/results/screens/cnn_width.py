#!/usr/bin/env python3
"""Screen: does a wider CNN help the inter-patient classifier?

The recipe's CNN is small (a stem of 16 filters, stages of 16, 32 and 64). This screen trains the
recipe of premature_augment.py (second_lead.py's MLII network with the S timing lent to 2% of
regular N beats) on the same four patient-wise folds of DS1 with every width multiplied by --scale
(2: a stem of 32, stages of 32, 64 and 128, about four times the convolution weights). --scale 1 is
premature_augment.py's run exactly (and rr_history.py's with --history 0).

  python3 models/results/screens/cnn_width.py --scale 2 --seed 42 --out runs/cnn-width/W2-s42
  python3 models/results/screens/second_lead.py --score runs/rr-history/H0-s42 runs/cnn-width/W2-s42 ...
"""
import premature_augment as pa
import second_lead as sl


def main():
    a = sl.screen_arguments({"--fraction": 0.02}, {"--scale": (2, 1, 8)})
    network = sl.Cnn
    sl.Cnn = lambda cin: network(cin, stem=16 * a.scale, widths=tuple(w * a.scale for w in (16, 32, 64)))
    sl.run_screen(a, pa.timing_transplant(a.fraction))


if __name__ == "__main__":
    main()
