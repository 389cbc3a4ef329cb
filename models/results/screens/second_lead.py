#!/usr/bin/python3
"""Screen: does MIT-BIH's second lead help the inter-patient beat classifier?

A PyTorch re-implementation of one network of the shipped recipe (the CNN of `beatflow train`
with stem 16 / stride 2, stages 16-32-64, kernel 5, a 64-unit head with the RR values joined to the
logits; the context input: the z-scored window and the window less the median of the patient's
previous 32 windows, and nine RR values; AdamW at 1e-3 falling by 0.85 per epoch, weight decay
1e-4, element-wise gradient clipping at 1, inverse-square-root class weights capped at 20, 7 epochs
of 16,000 beats, batch 128, shifts of up to 3 samples (one shift per batch here), noise 0.05),
cross-validated on the four patient-wise folds of DS1 that `beatflow cross-validate` uses. It is not beatflow's trainer: it
exists because one fold trains here in about a minute, so a question can be screened on DS1 before
the Java input, dataset and stream code is written for it. With `--leads 1` (MLII: two channels)
its arg-max out-of-fold macro F1 is close to the Java recipe's (0.549 against 0.543 for seed 42).

  --leads 2 adds the other lead of each record (V1 in 20 of the 22 DS1 records, V5 in 114, V4 in
  124; header signal descriptions of the MIT-BIH Arrhythmia Database) as two more channels, built
  the same way.

Scores: the arg-max out-of-fold macro F1 (N, S, V, F), the macro F1 with log offsets for S, V and
F fitted on the other three folds (coordinate ascent over -3..5 by 0.05, as DecisionRule.fit
without its S slope), per-class F1, and the out-of-fold AUROC of ln(p_S/p_N) and ln(p_V/p_N).
DS2 is not read.

  /usr/bin/python3 models/results/screens/second_lead.py --leads 1 --seed 42 --out runs/leads/L1-s42
  /usr/bin/python3 models/results/screens/second_lead.py --score runs/leads/L1-s42 runs/leads/L2-s42

Runs on Debian's PyTorch (apt-get install python3-torch) and reads $BEATFLOW_DATA/mitdb
(default ../shared/data/mitdb).
"""

import argparse, glob, os, time
import numpy as np
import torch, torch.nn.functional as F
from torch import nn

DATA = os.environ.get("BEATFLOW_DATA", os.path.join("..", "shared", "data")) + "/mitdb/"
FOLDS = [["101", "112", "118", "201", "208", "223"], ["106", "114", "119", "203", "209", "230"],
         ["108", "115", "122", "205", "215"], ["109", "116", "124", "207", "220"]]
CODES = {1: 'N', 2: 'L', 3: 'R', 4: 'a', 5: 'V', 6: 'F', 7: 'J', 8: 'A', 9: 'S', 10: 'E', 11: 'j', 12: '/', 13: 'Q', 34: 'e', 38: 'f'}
AAMI = {'N': 0, 'L': 0, 'R': 0, 'e': 0, 'j': 0, 'A': 1, 'a': 1, 'J': 1, 'S': 1, 'V': 2, 'E': 2, 'F': 3, '/': 4, 'f': 4, 'Q': 4}
BEFORE, AFTER, FS = 90, 166, 360.0


def read_atr(path):
    b = open(path, 'rb').read(); i = 0; t = 0; out = []
    while i + 1 < len(b):
        w = b[i] | (b[i + 1] << 8); i += 2
        a = w >> 10; d = w & 0x3ff
        if a == 0 and d == 0: break
        if a == 59: t += (b[i + 2] | (b[i + 3] << 8)) | ((b[i] | (b[i + 1] << 8)) << 16); i += 4; continue
        if a in (60, 61, 62): continue
        if a == 63: i += d + (d & 1); continue
        t += d
        out.append((t, a))
    return out


def read_212(rec):
    raw = np.fromfile(DATA + rec + ".dat", dtype=np.uint8).reshape(-1, 3).astype(np.int32)
    s0 = raw[:, 0] | ((raw[:, 1] & 0x0f) << 8)
    s1 = raw[:, 2] | ((raw[:, 1] & 0xf0) << 4)
    s0 = np.where(s0 > 2047, s0 - 4096, s0); s1 = np.where(s1 > 2047, s1 - 4096, s1)
    sig = np.stack([s0, s1], 1).astype(np.float32)
    names = [l.split()[-1] for l in open(DATA + rec + ".hea").read().splitlines()[1:3]]
    mlii = names.index("MLII")
    return sig[:, mlii], sig[:, 1 - mlii]


def rr_values(r):
    """9 RR values per beat as the context input: previous, next, local (last 10) minus 0.8 s,
    ln(prev/local), ln(next/local), ln(prev/next), ln(prev/long), ln(next/long), ln(local/long)."""
    t = np.asarray(r, dtype=np.float64) / FS
    n = len(t)
    prev = np.full(n, np.nan); prev[1:] = np.diff(t)
    nxt = np.full(n, np.nan); nxt[:-1] = np.diff(t)
    local = np.empty(n); long = np.empty(n)
    for i in range(n):
        iv = prev[max(1, i - 9):i + 1]; iv = iv[~np.isnan(iv)]
        local[i] = iv.mean() if len(iv) else 0.8
        iv = prev[max(1, i - 255):i + 1]; iv = iv[~np.isnan(iv)]
        long[i] = iv.mean() if len(iv) else local[i]
    prev = np.where(np.isnan(prev), local, prev); nxt = np.where(np.isnan(nxt), local, nxt)
    out = np.stack([prev - .8, nxt - .8, local - .8, np.log(prev / local), np.log(nxt / local), np.log(prev / nxt),
                    np.log(prev / long), np.log(nxt / long), np.log(local / long)], 1)
    return out.astype(np.float32)


def channels(sig, r):
    """z-scored windows and the windows less the median of the previous 32 windows (median-centred,
    divided by that median beat's std)."""
    w = np.stack([sig[p - BEFORE:p + AFTER] for p in r])
    z = (w - w.mean(1, keepdims=True)) / np.maximum(w.std(1, keepdims=True), 1e-6)
    wc = w - np.median(w, 1, keepdims=True)
    ctx = np.empty_like(w)
    for i in range(len(w)):
        hist = wc[max(0, i - 32):i] if i > 0 else wc[0:1]
        m = np.median(hist, 0); m = m - np.median(m)
        ctx[i] = (wc[i] - m) / max(m.std(), 1e-6)
    return z.astype(np.float32), ctx.astype(np.float32)


def beat_times(rec):
    """The sample times of a record's annotated beats, and the indices of those with a whole window
    in MLII (the beats load keeps)."""
    mlii, _ = read_212(rec)
    ann = [t for t, a in read_atr(DATA + rec + ".atr") if a in CODES]
    keep = [i for i, t in enumerate(ann) if t - BEFORE >= 0 and t + AFTER <= len(mlii)]
    return ann, keep


def load(rec, leads):
    mlii, other = read_212(rec)
    ann = [(t, AAMI[CODES[a]]) for t, a in read_atr(DATA + rec + ".atr") if a in CODES]
    allr = [t for t, _ in ann]
    rr = rr_values(allr)
    keep = [i for i, (t, _) in enumerate(ann) if t - BEFORE >= 0 and t + AFTER <= len(mlii)]
    r = [allr[i] for i in keep]
    y = np.array([ann[i][1] for i in keep])
    chans = list(channels(mlii, r))
    if leads == 2:
        chans += list(channels(other, r))
    x = np.stack(chans, 1)
    return x, rr[keep], y


def same_pad(length, k, s):
    out = -(-length // s); total = max((out - 1) * s + k - length, 0)
    return total // 2, total - total // 2


class Conv(nn.Conv1d):
    def forward(self, x):
        l, r = same_pad(x.shape[-1], self.kernel_size[0], self.stride[0])
        return super().forward(F.pad(x, (l, r)) if l or r else x)


class Cnn(nn.Module):
    def __init__(self, cin, rr=9, classes=5, stem=16, widths=(16, 32, 64)):
        super().__init__()
        self.stem = Conv(cin, stem, 5, stride=2)
        self.stages = nn.ModuleList(); c = stem
        for o in widths:
            s = nn.Module(); s.a = Conv(c, o, 5); s.b = Conv(o, o, 5); s.p = Conv(c, o, 1) if o != c else None
            self.stages.append(s); c = o
        self.drop = nn.Dropout(0.3)
        self.dense = nn.Linear(2 * c + rr, 64)
        self.out = nn.Linear(64 + rr, classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv1d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight); nn.init.zeros_(m.bias)

    def forward(self, x, rr):
        x = F.relu(self.stem(x))
        for s in self.stages:
            y = s.b(F.relu(s.a(x)))
            x = F.max_pool1d(F.relu(y + (s.p(x) if s.p is not None else x)), 2, 2)
        e = torch.cat([x.mean(2), x.amax(2), rr], 1)
        h = F.relu(self.dense(self.drop(e)))
        return self.out(torch.cat([h, rr], 1))


def train(x, rr, y, seed, cin, augment=None):
    """Trains one fold's network. augment(x_batch, rr_batch, y_batch, idx) -> (x_batch, rr_batch,
    y_batch), when given, may change each batch's windows (a tensor, before shift and noise), RR values
    and labels (numpy arrays, copies) before the step; idx are the batch's rows of x. It draws from its
    own generator, so the recipe's own draws, and a run with augment=None, stay as they were."""
    torch.manual_seed(seed); rng = np.random.default_rng(seed)
    net = Cnn(cin)
    counts = np.bincount(y, minlength=5).astype(np.float64)
    w = np.where(counts > 0, np.sqrt(counts.max() / np.maximum(counts, 1)), 0.0); w = np.minimum(w, 20.0)
    wt = torch.tensor(w, dtype=torch.float32)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    xs = torch.from_numpy(x); rrs = torch.from_numpy(rr); ys = torch.from_numpy(y).long()
    for epoch in range(7):
        for g in opt.param_groups: g['lr'] = 1e-3 * 0.85 ** epoch
        order = rng.permutation(len(y))[:16000]
        net.train(); tot = 0.0
        for b in range(0, len(order), 128):
            idx = order[b:b + 128]
            xb = xs[idx]
            rb, yb = rrs[idx], ys[idx]
            if augment is not None:
                xb, r2, y2 = augment(xb, rr[idx].copy(), y[idx].copy(), idx)
                rb, yb = torch.from_numpy(r2), torch.from_numpy(y2).long()
            shift = int(rng.integers(-3, 4))
            if shift > 0: xb = torch.cat([xb[..., :1].expand(-1, -1, shift), xb[..., :-shift]], 2)
            elif shift < 0: xb = torch.cat([xb[..., -shift:], xb[..., -1:].expand(-1, -1, -shift)], 2)
            xb = xb + 0.05 * torch.randn_like(xb)
            logits = net(xb, rb)
            loss = (F.cross_entropy(logits, yb, reduction='none') * wt[yb]).mean()
            opt.zero_grad(); loss.backward()
            for p in net.parameters(): p.grad.clamp_(-1.0, 1.0)
            opt.step(); tot += loss.item() * len(idx)
        print(f"  epoch {epoch + 1} loss {tot / len(order):.4f}", flush=True)
    return net


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--leads", type=int, choices=(1, 2), default=1)
    ap.add_argument("--seed", type=int, default=42); ap.add_argument("--out")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--score", nargs="+", metavar="DIR", help="score finished runs instead of training")
    a = ap.parse_args()
    if a.score:
        for d in a.score:
            score(d)
        return
    if not a.out:
        ap.error("--out DIR is required to train")
    if not os.path.exists(DATA + "101.hea"):
        ap.error(f"no MIT-BIH records in {DATA}: set BEATFLOW_DATA to the folder that holds mitdb/")
    torch.set_num_threads(a.threads); os.makedirs(a.out, exist_ok=True)
    data = {r: load(r, a.leads) for f in FOLDS for r in f}
    cin = 2 * a.leads
    run_folds(data, cin, a.seed, a.out)


def screen_arguments(probabilities, counts=None):
    """The command line of a screen on MLII: --seed, --out, --threads, the named probabilities
    (name -> default), each checked to lie in [0, 1], and the named whole numbers (name -> (default,
    least, most)), each checked to lie in its range."""
    ap = argparse.ArgumentParser()
    for name, default in probabilities.items():
        ap.add_argument(name, type=float, default=default)
    for name, (default, _, _) in (counts or {}).items():
        ap.add_argument(name, type=int, default=default)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    for name in probabilities:
        v = getattr(a, name.lstrip("-").replace("-", "_"))
        if not 0 <= v <= 1:
            ap.error(f"{name} {v}: give a probability between 0 and 1")
    for name, (_, least, most) in (counts or {}).items():
        v = getattr(a, name.lstrip("-").replace("-", "_"))
        if not least <= v <= most:
            ap.error(f"{name} {v}: give {least} to {most}")
    if not os.path.exists(DATA + "101.hea"):
        ap.error(f"no MIT-BIH records in {DATA}: set BEATFLOW_DATA to the folder that holds mitdb/")
    return a


def run_screen(a, make_augment, loader=None):
    """Cross-validates the recipe on MLII with a batch augmentation (see run_folds) into a.out;
    loader(record), when given, loads a record's windows, RR values and labels in place of
    load(record, 1)."""
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    data = {r: (loader(r) if loader else load(r, 1)) for f in FOLDS for r in f}
    run_folds(data, 2, a.seed, a.out, make_augment)


def run_folds(data, cin, seed, out, make_augment=None):
    """Trains one network per fold on the other folds' records and writes each held-out record's
    log-probabilities to OUT/<record>.npz. make_augment(x=, rr=, y=, rec=, seed=), when given, makes
    the fold's batch augmentation (see train) from its training windows, RR values, labels and each
    beat's record."""
    for k, held in enumerate(FOLDS):
        t0 = time.time()
        tr = [r for f in FOLDS for r in f if r not in held]
        x = np.concatenate([data[r][0] for r in tr]); rr = np.concatenate([data[r][1] for r in tr])
        y = np.concatenate([data[r][2] for r in tr])
        rec = np.concatenate([np.full(len(data[r][2]), j) for j, r in enumerate(tr)])
        augment = make_augment(x=x, rr=rr, y=y, rec=rec, seed=seed + 1000 * k) if make_augment else None
        net = train(x, rr, y, seed + 1000 * k, cin, augment); net.eval()
        for r in held:
            with torch.no_grad():
                lp = F.log_softmax(net(torch.from_numpy(data[r][0]), torch.from_numpy(data[r][1])), 1).numpy()
            np.savez(f"{out}/{r}.npz", logp=lp, y=data[r][2], fold=k)
        print(f"fold {k} done in {time.time() - t0:.0f} s", flush=True)


def f1s(y, p):
    out = []
    for c in range(4):
        tp = np.sum((p == c) & (y == c)); fp = np.sum((p == c) & (y != c)); fn = np.sum((p != c) & (y == c))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return out


def macro(y, p):
    return float(np.mean(f1s(y, p)))


def fit_offsets(lp, y):
    off = np.zeros(5); grid = np.arange(-3, 5.0001, 0.05)
    best = macro(y, np.argmax(lp + off, 1))
    for _ in range(10):
        changed = False
        for c in (1, 2, 3):
            for v in grid:
                o = off.copy(); o[c] = v
                m = macro(y, np.argmax(lp + o, 1))
                if m > best + 1e-12:
                    best, off, changed = m, o, True
        if not changed:
            break
    return off


def auroc(score, pos):
    order = np.argsort(score); ranks = np.empty(len(score)); ranks[order] = np.arange(1, len(score) + 1)
    npos = pos.sum(); nneg = len(pos) - npos
    return (ranks[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg)


def score(d):
    files = sorted(glob.glob(d + "/*.npz"))
    z = [np.load(f) for f in files]
    lp = np.concatenate([a["logp"] for a in z]); y = np.concatenate([a["y"] for a in z])
    fold = np.concatenate([np.full(len(a["y"]), int(a["fold"])) for a in z])
    am = np.argmax(lp, 1)
    held = np.empty(len(y), dtype=int)
    for k in range(4):
        off = fit_offsets(lp[fold != k], y[fold != k])
        held[fold == k] = np.argmax(lp[fold == k] + off, 1)
    fa, fh = f1s(y, am), f1s(y, held)
    print(f"{d}: beats {len(y)} argmax {np.mean(fa):.3f} (N {fa[0]:.3f} S {fa[1]:.3f} V {fa[2]:.3f} F {fa[3]:.3f}) "
          f"held-out offsets {np.mean(fh):.3f} (N {fh[0]:.3f} S {fh[1]:.3f} V {fh[2]:.3f} F {fh[3]:.3f}) "
          f"AUROC S {auroc(lp[:, 1] - lp[:, 0], y == 1):.3f} V {auroc(lp[:, 2] - lp[:, 0], y == 2):.3f}")


if __name__ == "__main__":
    main()
