#!/usr/bin/python3
"""Peer timings for `beatflow bench models`: the same four architectures in PyTorch.

Reads the model cards that `beatflow bench models --config-out DIR` writes (DIR/ARCH.json, the
configuration exactly as a model bundle stores it) and DIR/dl4j-results.tsv (the input shapes the
DL4J networks took, measured at beatflow's input seam, and their parameter counts), builds each
network in PyTorch layer for layer, checks that its trainable parameter count equals DL4J's, and
times inference (eval mode, torch.no_grad) and one training step (AdamW, element-wise gradient
clipping, class-weighted cross-entropy) on a batch of synthetic windows: median of timed repeats
after warm-up, on `--threads` threads. With `--workers W` (W > 1) inference is also timed with W
Python threads side by side, each running the network on its own batch, with --threads / W
intra-op threads (as `beatflow bench models --workers W` times W DL4J copies): beats/s of timed
rounds in which every worker runs 4 passes, median over `--repeats` rounds. With `--device cuda`
the network and the batch live on the GPU and every timed pass ends with torch.cuda.synchronize()
(so a pass is timed to its last kernel); `--infer-only` skips the training step.

Runs on Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 bench/torch_models_peer.py --configs DIR [--batch 256[,1024...]] [--repeats 7] [--threads 2]
        [--device cpu|cuda] [--infer-only]

Prints one row per architecture; with --out FILE also writes them as tab-separated values.
"""
import argparse
import csv
import json
import math
import os
import statistics
import threading
import time

import torch
import torch.nn.functional as F
from torch import nn


def same_padding(length, kernel, stride):
    """TensorFlow-style 'same' padding (DL4J ConvolutionMode.Same): output ceil(length / stride),
    the odd padding sample on the right."""
    out = -(-length // stride)
    total = max((out - 1) * stride + kernel - length, 0)
    return total // 2, total - total // 2


class SameConv1d(nn.Conv1d):
    """DL4J Convolution1DLayer with ConvolutionMode.Same: weights [out, in, k] plus a bias, any
    stride (torch's padding='same' takes stride 1 only)."""

    def forward(self, x):
        left, right = same_padding(x.shape[-1], self.kernel_size[0], self.stride[0])
        if left or right:
            x = F.pad(x, (left, right))
        return super().forward(x)


def same_max_pool(x, kernel, stride):
    """DL4J Subsampling1DLayer MAX with ConvolutionMode.Same (padding never wins the maximum)."""
    left, right = same_padding(x.shape[-1], kernel, stride)
    if left or right:
        x = F.pad(x, (left, right), value=-math.inf)
    return F.max_pool1d(x, kernel, stride)


def avg_max(x):
    """DL4J GlobalPoolingLayer AVG and MAX over time, merged: [n, 2c]."""
    return torch.cat([x.mean(dim=2), x.amax(dim=2)], dim=1)


class Head(nn.Module):
    """GraphNetworks.head: the embedding joined with the RR values, a ReLU dense layer, softmax.

    DL4J's `dropOut` on a layer drops that layer's *input*, so dropout acts on the joined vector
    (before head_dense), not on the hidden units. The softmax is left to the loss / the caller.
    """

    def __init__(self, embedding, rr, head, dropout=True):
        super().__init__()
        self.rr = rr
        self.drop = nn.Dropout(head["dropout"]) if dropout and head["dropout"] > 0 else nn.Identity()
        self.dense = nn.Linear(embedding + rr, head["hiddenUnits"])
        self.out = nn.Linear(head["hiddenUnits"], len(head["classNames"]))

    def forward(self, emb, rr):
        x = torch.cat([emb, rr], dim=1) if self.rr else emb
        return self.out(F.relu(self.dense(self.drop(x))))


class Cnn(nn.Module):
    """GraphNetworks.cnn: stem conv (ReLU); per stage conv-ReLU-conv, plus the input (1x1-projected
    when the width changes), ReLU, max-pool 2; global average + max pooling."""

    def __init__(self, m, channels, rr):
        super().__init__()
        k = m["kernelSize"]
        self.stem = SameConv1d(channels, m["stemChannels"], k, stride=m.get("stemStride", 1))
        self.stages = nn.ModuleList()
        c = m["stemChannels"]
        for out in m["stageChannels"]:
            stage = nn.Module()
            stage.a = SameConv1d(c, out, k)
            stage.b = SameConv1d(out, out, k)
            stage.proj = SameConv1d(c, out, 1) if out != c else None
            self.stages.append(stage)
            c = out
        self.head = Head(2 * c, rr, m["head"])

    def forward(self, x, rr):
        x = F.relu(self.stem(x))
        for s in self.stages:
            y = s.b(F.relu(s.a(x)))
            x = same_max_pool(F.relu(y + (s.proj(x) if s.proj is not None else x)), 2, 2)
        return self.head(avg_max(x), rr)


class FrontEnd(nn.Module):
    """GraphNetworks.frontEnd: conv k7 then conv k5, both strided, ReLU."""

    def __init__(self, channels, m):
        super().__init__()
        self.fe1 = SameConv1d(channels, m["frontEndChannels"], 7, stride=m["frontEndStride"])
        self.fe2 = SameConv1d(m["frontEndChannels"], m["frontEndChannels"], 5, stride=m["frontEndStride"])

    def forward(self, x):
        return F.relu(self.fe2(F.relu(self.fe1(x))))


class BiLstm(nn.Module):
    """DL4J Bidirectional(CONCAT, LSTM) over [n, c, t]; output [n, 2u, t].

    DL4J's LSTM has one bias vector per direction (4u values); torch's has two (b_ih and b_hh) that
    are only ever summed. b_hh is fixed at zero and frozen, so the trainable parameters and the
    function are DL4J's (input weights [4u, in], recurrent weights [4u, u], one bias [4u]).
    """

    def __init__(self, n_in, units):
        super().__init__()
        self.lstm = nn.LSTM(n_in, units, batch_first=True, bidirectional=True)
        for name, p in self.lstm.named_parameters():
            if name.startswith("bias_hh"):
                nn.init.zeros_(p)
                p.requires_grad_(False)

    def forward(self, x):
        y, _ = self.lstm(x.transpose(1, 2))
        return y.transpose(1, 2)


class BiLstmNet(nn.Module):
    def __init__(self, m, channels, rr):
        super().__init__()
        self.fe = FrontEnd(channels, m)
        self.lstm = BiLstm(m["frontEndChannels"], m["lstmUnits"])
        self.head = Head(4 * m["lstmUnits"], rr, m["head"])

    def forward(self, x, rr):
        return self.head(avg_max(self.lstm(self.fe(x))), rr)


class MultiHeadAttention(nn.Module):
    """Scaled dot-product self-attention over [n, t, nIn] with the parameters of DL4J's
    SelfAttentionLayer (projectInput) and of SameDiff's multiHeadDotProductAttention: per head,
    queries, keys and values projected from nIn to headSize (Wq, Wk, Wv [heads, headSize, nIn]),
    the heads concatenated and projected to nOut (Wo [heads * headSize, nOut]), no biases.
    torch's nn.MultiheadAttention is not used: it maps embed_dim to embed_dim (here nIn differs
    from heads * headSize), and torch 1.13's eval fast path fails without biases."""

    def __init__(self, n_in, heads, head_size, n_out):
        super().__init__()
        self.heads, self.head_size = heads, head_size
        self.q = nn.Linear(n_in, heads * head_size, bias=False)
        self.k = nn.Linear(n_in, heads * head_size, bias=False)
        self.v = nn.Linear(n_in, heads * head_size, bias=False)
        self.o = nn.Linear(heads * head_size, n_out, bias=False)

    def forward(self, x):  # [n, t, nIn] -> [n, t, nOut]
        n, t, _ = x.shape

        def split(p):
            return p(x).view(n, t, self.heads, self.head_size).transpose(1, 2)

        q, k, v = split(self.q), split(self.k), split(self.v)
        att = torch.softmax(q @ k.transpose(2, 3) / math.sqrt(self.head_size), dim=-1)
        return self.o((att @ v).transpose(1, 2).reshape(n, t, self.heads * self.head_size))


class AttentionNet(nn.Module):
    def __init__(self, m, channels, rr):
        super().__init__()
        self.fe = FrontEnd(channels, m)
        n_in = m["frontEndChannels"]
        self.lstm = None
        if m["lstmUnits"] > 0:
            self.lstm = BiLstm(n_in, m["lstmUnits"])
            n_in = 2 * m["lstmUnits"]
        width = m["heads"] * m["headSize"]
        self.att = MultiHeadAttention(n_in, m["heads"], m["headSize"], width)
        self.head = Head(2 * width, rr, m["head"])

    def forward(self, x, rr):
        x = self.fe(x)
        if self.lstm is not None:
            x = self.lstm(x)
        return self.head(avg_max(self.att(x.transpose(1, 2)).transpose(1, 2)), rr)


def positional_encoding(positions, d):
    """Vaswani et al. (2017), section 3.5, as TransformerNetwork.positionalEncoding."""
    pe = torch.zeros(positions, d)
    for pos in range(positions):
        for i in range(d):
            angle = pos / 10000 ** (2.0 * (i // 2) / d)
            pe[pos, i] = math.sin(angle) if i % 2 == 0 else math.cos(angle)
    return pe.unsqueeze(0)


class Block(nn.Module):
    """A pre-norm block of TransformerNetwork: x + MHA(LN(x)); x + FF(LN(x)), GELU (sigmoid form).

    SameDiff's multiHeadDotProductAttention: Wq, Wk, Wv [heads, d/heads, d], Wo [d, d], no biases."""

    def __init__(self, d, heads, ff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.att = MultiHeadAttention(d, heads, d // heads, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ff)
        self.ff2 = nn.Linear(ff, d)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.att(h)
        h = self.ff1(self.ln2(x))
        # SameDiff's gelu is the sigmoid form x * sigmoid(1.702 x) (sd.nn.gelu(1) = 0.8458, where
        # the erf form gives 0.8413), so the same is computed here
        return x + self.ff2(h * torch.sigmoid(1.702 * h))


class TransformerNet(nn.Module):
    """TransformerNetwork: patches of patchSize samples (of every channel) linearly embedded, plus
    sinusoidal positions; pre-norm blocks; final layer norm; mean over patches; the head without
    dropout (the SameDiff graph applies none)."""

    def __init__(self, m, channels, rr, samples):
        super().__init__()
        d, ps = m["modelDim"], m["patchSize"]
        self.ps, self.patches = ps, samples // ps
        self.embed = nn.Linear(channels * ps, d)
        self.register_buffer("pe", positional_encoding(self.patches, d))
        self.blocks = nn.ModuleList(Block(d, m["heads"], m["ffDim"]) for _ in range(m["layers"]))
        self.ln = nn.LayerNorm(d)
        self.head = Head(d, rr, m["head"], dropout=False)

    def forward(self, x, rr):
        n, c, _ = x.shape
        p = x.view(n, c, self.patches, self.ps).permute(0, 2, 1, 3).reshape(n, self.patches, c * self.ps)
        h = self.embed(p) + self.pe
        for b in self.blocks:
            h = b(h)
        return self.head(self.ln(h).mean(dim=1), rr)


def build(card, shapes):
    m = card["model"]
    c, l, rr = shapes["channels"], shapes["window_samples"], shapes["rr_inputs"]
    arch = m["architecture"]
    if arch == "cnn":
        return Cnn(m, c, rr)
    if arch == "bilstm":
        return BiLstmNet(m, c, rr)
    if arch == "attention":
        return AttentionNet(m, c, rr)
    if arch == "transformer":
        return TransformerNet(m, c, rr, l)
    raise ValueError(f"unknown architecture {arch}")


def timed(fn, warmup, warmup_seconds, repeats):
    """Median seconds of `repeats` calls after warm-up calls: at least `warmup`, and more until
    `warmup_seconds` have gone (unless `warmup` is 0), as beatflow's ModelBenchmark does."""
    start = time.perf_counter()
    i = 0
    while i < warmup or (i > 0 and time.perf_counter() - start < warmup_seconds):
        fn()
        i += 1
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


PASSES_PER_ROUND = 4  # as beatflow's ModelBenchmark.PASSES_PER_ROUND


def side_by_side(net, x, rr, workers, threads, warmup, warmup_seconds, repeats):
    """Inference beats/s of `workers` threads running the network side by side (each on its own
    copy of the batch, intra-op threads shared out), median over `repeats` timed rounds."""
    torch.set_num_threads(max(1, threads // workers))
    start = threading.Barrier(workers + 1)
    end = threading.Barrier(workers + 1)
    errors = []

    def work():
        xs, rs = x.clone(), rr.clone()

        def infer():
            with torch.no_grad():
                torch.softmax(net(xs, rs), dim=1)
        try:
            timed(infer, warmup, warmup_seconds, 1)
            for _ in range(repeats):
                start.wait()
                for _ in range(PASSES_PER_ROUND):
                    infer()
                end.wait()
        except BaseException as e:  # keep the main thread from waiting forever
            errors.append(e)
            start.abort()
            end.abort()

    threads_ = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for t in threads_:
        t.start()
    rates = []
    try:
        for _ in range(repeats):
            start.wait()
            t0 = time.perf_counter()
            end.wait()
            rates.append(workers * PASSES_PER_ROUND * x.shape[0] / (time.perf_counter() - t0))
    except threading.BrokenBarrierError:
        raise RuntimeError(f"a worker failed: {errors[0] if errors else 'unknown'}")
    finally:
        torch.set_num_threads(threads)
    for t in threads_:
        t.join()
    return statistics.median(rates)


def measure(card, shapes, batch, warmup, warmup_seconds, repeats, seed, workers, threads, device="cpu",
            infer_only=False):
    torch.manual_seed(seed)
    net = build(card, shapes)
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, shapes["channels"], shapes["window_samples"], generator=g)
    x = (x - x.mean(dim=2, keepdim=True)) / x.std(dim=2, unbiased=False, keepdim=True)
    rr = 0.1 * torch.randn(batch, shapes["rr_inputs"], generator=g)
    classes = len(card["model"]["head"]["classNames"])
    y = torch.randint(0, classes, (batch,), generator=g)
    net, x, rr, y = net.to(device), x.to(device), rr.to(device), y.to(device)
    sync = torch.cuda.synchronize if device != "cpu" else (lambda: None)

    net.eval()

    def infer():
        with torch.no_grad():
            torch.softmax(net(x, rr), dim=1)
        sync()

    infer_s = timed(infer, warmup, warmup_seconds, repeats)
    side = side_by_side(net, x, rr, workers, threads, warmup, warmup_seconds, repeats) if workers > 1 else batch / infer_s
    if infer_only:
        return params, batch / infer_s, side, float("nan")

    t = card.get("training") or {}
    # DL4J's weightDecay and SameDiff's weightDecay(..., true) are decoupled from the Adam moments
    # (w -= lr * decay * w), which is AdamW.
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=t.get("learningRate", 1e-3),
                            weight_decay=t.get("weightDecay", 0.0))
    clip = t.get("gradientClip", 0.0) if card["model"]["architecture"] != "transformer" else 0.0
    loss_fn = nn.CrossEntropyLoss(weight=torch.ones(classes))
    net.train()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x, rr), y)
        loss.backward()
        if clip > 0:  # DL4J GradientNormalization.ClipElementWiseAbsoluteValue
            nn.utils.clip_grad_value_(net.parameters(), clip)
        opt.step()
        sync()

    train_s = timed(step, warmup, warmup_seconds, repeats)
    return params, batch / infer_s, side, batch / train_s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--configs", required=True, help="folder written by beatflow bench models --config-out")
    ap.add_argument("--batch", default="256", help="beats per pass; several, comma-separated, are timed one after the other")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--warmup-seconds", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=1, help="also time this many networks side by side (see above)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--arch", default=None, help="comma-separated subset of the architectures in --configs")
    ap.add_argument("--out", default=None, help="also write the rows here (tab-separated)")
    ap.add_argument("--device", default="cpu", help="cpu (default) or cuda: where the network and the batch live")
    ap.add_argument("--infer-only", action="store_true", help="time inference only, not the training step")
    a = ap.parse_args()
    if a.device != "cpu" and a.workers > 1:
        ap.error("--workers times CPU threads side by side; it does not apply to --device " + a.device)
    if a.device != "cpu" and not torch.cuda.is_available():
        ap.error(f"--device {a.device}: this PyTorch sees no CUDA GPU")
    try:
        batches = [int(b) for b in a.batch.split(",")]
    except ValueError:
        ap.error(f"--batch {a.batch}: give beats per pass, or several separated by commas (256,1024)")
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.configs, "dl4j-results.tsv")) as f:
        dl4j = {r["arch"]: r for r in csv.DictReader(f, delimiter="\t")}
    archs = a.arch.split(",") if a.arch else list(dl4j)
    where = (f"{torch.cuda.get_device_name(0)} (CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()})"
             if a.device != "cpu" else f"{torch.backends.mkldnn.is_available() and 'oneDNN' or 'no oneDNN'}")
    print(f"PyTorch {torch.__version__} on {a.device}: {where},"
          f" threads {torch.get_num_threads()}; batch {a.batch}, median of {a.repeats} timed passes after"
          f" at least {a.warmup} warm-up passes and {a.warmup_seconds if a.warmup > 0 else 0:.0f} s")
    side_head = f"infer {a.workers}x beats/s" if a.workers > 1 else ""
    print(f"{'arch':<12} {'batch':>6} {'params':>8} {'dl4j params':>11} {'match':>5} {'infer beats/s':>13}"
          f" {side_head:>16} {'train beats/s':>13}")
    rows = []
    for batch in batches:
        for arch in archs:
            with open(os.path.join(a.configs, arch + ".json")) as f:
                card = json.load(f)
            shapes = {k: int(dl4j[arch][k]) for k in ("channels", "window_samples", "rr_inputs")}
            params, infer, side, train = measure(card, shapes, batch, a.warmup, a.warmup_seconds, a.repeats,
                                                 a.seed, a.workers, a.threads, a.device, a.infer_only)
            dl4j_params = int(dl4j[arch]["params"])
            match = "yes" if params == dl4j_params else "NO"
            side_text = f"{side:.0f}" if a.workers > 1 else ""
            train_text = "-" if math.isnan(train) else f"{train:.0f}"
            print(f"{arch:<12} {batch:>6} {params:>8} {dl4j_params:>11} {match:>5} {infer:>13.0f} {side_text:>16}"
                  f" {train_text:>13}", flush=True)
            rows.append((arch, params, dl4j_params, match, infer, train, a.workers, side, batch))
    if a.out:
        with open(a.out, "w") as f:
            f.write("arch\tparams\tdl4j_params\tmatch\tinfer_beats_per_s\ttrain_beats_per_s\tworkers"
                    "\tinfer_workers_beats_per_s\tbatch\n")
            for r in rows:
                f.write("%s\t%d\t%d\t%s\t%.1f\t%.1f\t%d\t%.1f\t%d\n" % r)
    return 0 if all(r[3] == "yes" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
