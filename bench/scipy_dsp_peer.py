#!/usr/bin/env python3
"""Peer timings for `beatflow bench dsp`: the same filters in SciPy on the same kind of input.

Runs on Debian's python3-scipy (apt-get install python3-scipy). Input: 650000 samples of Gaussian
noise at 360 Hz (one MIT-BIH lead), as in beatflow's DspBenchmarks. Each case runs 3 untimed and
11 timed rounds on one thread; the median round is printed in M samples/s.

    OPENBLAS_NUM_THREADS=1 python3 bench/scipy_dsp_peer.py
"""
import time

import numpy as np
import scipy
from scipy import signal

FS = 360.0
N = 650_000
x = np.random.default_rng(1).standard_normal(N).astype(np.float32)

bp = signal.butter(2, [0.5, 40.0], btype="bandpass", fs=FS, output="sos")
hp = signal.butter(2, 0.5, btype="highpass", fs=FS, output="sos")
b, a = signal.iirnotch(60.0, 30.0, fs=FS)
notch = signal.tf2sos(b, a)

cases = [
    ("band-pass 0.5-40 order 2, causal (sosfilt)", lambda: signal.sosfilt(bp, x)),
    ("band-pass 0.5-40 order 2, zero-phase (sosfiltfilt)", lambda: signal.sosfiltfilt(bp, x)),
    ("notch 60 Hz q 30, causal (sosfilt)", lambda: signal.sosfilt(notch, x)),
    ("notch 60 Hz q 30, zero-phase (sosfiltfilt)", lambda: signal.sosfiltfilt(notch, x)),
    ("baseline high-pass 0.5 Hz order 2, causal", lambda: signal.sosfilt(hp, x)),
    ("baseline high-pass 0.5 Hz order 2, zero-phase", lambda: signal.sosfiltfilt(hp, x)),
    ("baseline two-stage median 200 + 600 ms (medfilt)",
     lambda: signal.medfilt(signal.medfilt(x, 73), 217)),
    ("resample 360 -> 250 Hz (resample_poly)", lambda: signal.resample_poly(x, 25, 36)),
    ("resample 360 -> 128 Hz (resample_poly)", lambda: signal.resample_poly(x, 16, 45)),
]

print(f"SciPy {scipy.__version__}, NumPy {np.__version__}: {N} samples per round, median of 11 rounds")
for name, fn in cases:
    for _ in range(3):
        fn()
    times = []
    for _ in range(11):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    med = sorted(times)[len(times) // 2]
    print(f"{name:<52} median {med * 1e3:8.2f} ms {N / med / 1e6:7.1f} M samples/s")
