#!/usr/bin/env python3
"""Screen: copies of WFDB records with both leads through a causal high-pass, to score with unchanged models.

Writes SRC_DIR/REC (format 212 or 16, two signals) to DST_DIR/REC as format 16, each lead through a
causal Butterworth high-pass (0.5 Hz, order 2; scipy's butter and lfilter) run from the record's
first sample with that sample subtracted first, rounded to ADC units; the annotations are copied.
This is the screen that preceded the baseline stage of the model input (the models README,
"Baseline high-pass"); the product filters in floating point inside the windowers instead.

  python3 models/results/screens/highpass_records.py ../shared/data/mitdb hp/clean/mitdb 101 106 ...
"""
import os, shutil, sys
import numpy as np
from scipy.signal import butter, lfilter

def read(src, rec):
    lines = open(os.path.join(src, rec + ".hea")).read().splitlines()
    head = lines[0].split(); n = int(head[3]); fs = float(head[2])
    sigs = [l.split() for l in lines[1:1 + int(head[1])]]
    fmt = sigs[0][1]
    raw = np.fromfile(os.path.join(src, sigs[0][0]), dtype=np.uint8)
    if fmt == "212":
        t = raw[: len(raw) // 3 * 3].reshape(-1, 3).astype(np.int32)
        a = t[:, 0] | ((t[:, 1] & 0x0F) << 8); b = t[:, 2] | ((t[:, 1] & 0xF0) << 4)
        a = np.where(a > 2047, a - 4096, a); b = np.where(b > 2047, b - 4096, b)
        x = np.stack([a, b], 1)[:n]
    elif fmt == "16":
        x = np.frombuffer(raw.tobytes(), dtype="<i2").reshape(-1, 2)[:n].astype(np.int32)
    else:
        raise SystemExit("format " + fmt)
    info = []
    for s in sigs:
        g = s[2]; gain = g.split("(")[0].split("/")[0]
        base = int(g.split("(")[1].split(")")[0]) if "(" in g else int(s[4])
        info.append((gain, base, s[3], s[4], s[-1]))
    return fs, n, x, info

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for rec in sys.argv[3:]:
    fs, n, x, info = read(src, rec)
    b, a = butter(2, 0.5, btype="highpass", fs=fs)
    y = np.empty_like(x)
    for c in range(2):
        base = info[c][1]
        v = x[:, c].astype(np.float64) - x[0, c]
        y[:, c] = np.clip(np.round(lfilter(b, a, v)) + base, -32767, 32767).astype(np.int32)
    y.astype("<i2").tofile(os.path.join(dst, rec + ".dat"))
    with open(os.path.join(dst, rec + ".hea"), "w") as h:
        h.write("%s 2 %g %d\n" % (rec, fs, n))
        for c in range(2):
            gain, base, res, zero, name = info[c]
            cs = int(y[:, c].sum()) & 0xFFFF
            cs = cs - 65536 if cs > 32767 else cs
            h.write("%s.dat 16 %s(%d) 16 %s %d %d 0 %s\n" % (rec, gain, base, zero, y[0, c], cs, name))
    shutil.copy(os.path.join(src, rec + ".atr"), os.path.join(dst, rec + ".atr"))
