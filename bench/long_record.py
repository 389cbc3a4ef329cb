#!/usr/bin/env python3
"""Builds a long many-lead test recording from one MIT-BIH record, as WFDB (format 16) and EDF.

The record's two leads are repeated end to end for the hours asked, resampled (linear
interpolation) to the rate asked, and mixed into twelve leads named like a standard 12-lead ECG
(each a fixed blend of the two; not a physiological 12-lead ECG). The files exist to measure how
the command line copes with long recordings (time, memory), not for accuracy:

    python3 bench/long_record.py --hours 24 --rate 500 --out /tmp/long ../shared/data/mitdb/100
    BEATFLOW_JAVA_OPTS=-Xmx4g /usr/bin/time -v ./beatflow detect --lead II --out /tmp/d /tmp/long/long.edf

Only numpy is needed. Writing the 24-hour files takes about a minute and 2 GB of disk.
"""
import argparse
import os

import numpy as np

LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
# weights of the source's first and second lead in each output lead
BLEND = [(0.6, 0.2), (1, 0), (0.4, -0.2), (-0.8, -0.1), (0.1, 0.2), (0.7, -0.1),
         (0.2, 0.8), (0.3, 0.9), (0.5, 0.6), (0.8, 0.3), (0.9, 0.1), (0.9, 0)]
ADU_PER_MV = 1000


def read_212(record):
    """The two leads of a MIT-BIH format-212 record, in mV (gain 200, baseline 1024)."""
    raw = np.fromfile(record + ".dat", dtype=np.uint8)
    raw = raw[: len(raw) // 3 * 3].reshape(-1, 3).astype(np.int32)
    a = raw[:, 0] | ((raw[:, 1] & 0x0F) << 8)
    b = raw[:, 2] | ((raw[:, 1] & 0xF0) << 4)
    a = np.where(a >= 2048, a - 4096, a)
    b = np.where(b >= 2048, b - 4096, b)
    return (a - 1024) / 200.0, (b - 1024) / 200.0


def field(value, width):
    text = str(value)
    if len(text) > width:
        raise ValueError(f"{text!r} does not fit an EDF field of {width}")
    return text.ljust(width)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("record", help="a MIT-BIH record path without extension, e.g. ../shared/data/mitdb/100")
    p.add_argument("--hours", type=float, default=24)
    p.add_argument("--rate", type=int, default=500)
    p.add_argument("--out", required=True)
    p.add_argument("--name", default="long")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    a, b = read_212(args.record)
    n = int(round(args.hours * 3600 * args.rate))
    n -= n % args.rate  # whole one-second EDF data records
    src = np.arange(len(a))
    leads = np.empty((n, len(LEADS)), dtype="<i2")
    chunk = 3600 * args.rate
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        t = np.mod(np.arange(start, stop) * (360.0 / args.rate), len(a) - 1)
        x, y = np.interp(t, src, a), np.interp(t, src, b)
        for k, (wa, wb) in enumerate(BLEND):
            leads[start:stop, k] = np.clip(np.round((wa * x + wb * y) * ADU_PER_MV), -32767, 32767)
    base = os.path.join(args.out, args.name)
    leads.tofile(base + ".dat")
    with open(base + ".hea", "w") as h:
        h.write(f"{args.name} {len(LEADS)} {args.rate} {n}\n")
        for k, lead in enumerate(LEADS):
            checksum = (int(leads[:, k].astype(np.int64).sum()) + 32768) % 65536 - 32768
            h.write(f"{args.name}.dat 16 {ADU_PER_MV} 16 0 {int(leads[0, k])} {checksum} 0 {lead}\n")
    count = len(LEADS)
    header = (field(0, 8) + field("X X X X", 80) + field("Startdate 01-JAN-2020 X X X", 80) + "01.01.20"
              + "08.00.00" + field(256 * (count + 1), 8) + field("", 44) + field(n // args.rate, 8) + field(1, 8)
              + field(count, 4) + "".join(field(x, 16) for x in LEADS) + field("", 80) * count
              + field("mV", 8) * count + field("-32.768", 8) * count + field("32.767", 8) * count
              + field("-32768", 8) * count + field("32767", 8) * count + field("", 80) * count
              + field(args.rate, 8) * count + field("", 32) * count)
    with open(base + ".edf", "wb") as f:
        f.write(header.encode("ascii"))
        seconds = 600
        for r in range(0, n // args.rate, seconds):
            block = leads[r * args.rate:(r + seconds) * args.rate]
            block = block.reshape(-1, args.rate, count).transpose(0, 2, 1)  # EDF: each record holds each signal's second
            f.write(np.ascontiguousarray(block).tobytes())
    print(f"{base}.hea/.dat and {base}.edf: {len(LEADS)} leads, {n} samples each at {args.rate} Hz")


if __name__ == "__main__":
    main()
