#!/usr/bin/env bash
# DL4J (beatflow bench models) against PyTorch (bench/torch_models_peer.py) on this machine, one
# after the other, same batch, repeats and threads; prints one table.
#
#   bench/models_vs_torch.sh [--batch 256] [--repeats 7] [--warmup 5] [--warmup-seconds 10] [--threads 2] [--arch cnn,...]
#                            [--input plain|context] [--workers W]
#
# Inference is timed two ways on both sides: one network called by one thread that uses all
# --threads, and W networks side by side (default W = --threads), each in its own thread with
# --threads / W threads (a Predictor with W workers; W Python threads in PyTorch). "best" compares
# each side's faster way.
#
# Needs Debian's PyTorch (apt-get install python3-torch), run by /usr/bin/python3 on purpose: the
# python3 first on PATH may be another interpreter without torch.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
batch=256 repeats=7 warmup=5 warmup_seconds=10 threads=2 arch=cnn,bilstm,attention,transformer input=plain workers=
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --warmup-seconds) warmup_seconds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --arch) arch="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== DL4J: beatflow bench models"
OMP_NUM_THREADS="$threads" "$here/beatflow" bench models --batch "$batch" --repeats "$repeats" --warmup "$warmup" \
  --warmup-seconds "$warmup_seconds" \
  --threads "$threads" --workers "${workers:-$threads}" --arch "$arch" --input "$input" --config-out "$work" 2> >(grep -v -E "^Added differentiated op|^SLF4J" >&2)
echo
echo "== PyTorch: bench/torch_models_peer.py"
status=0
OMP_NUM_THREADS="$threads" /usr/bin/python3 "$here/bench/torch_models_peer.py" --configs "$work" --batch "$batch" \
  --repeats "$repeats" --warmup "$warmup" --warmup-seconds "$warmup_seconds" --threads "$threads" --workers "${workers:-$threads}" --arch "$arch" --out "$work/torch-results.tsv" || status=$?
echo
w="${workers:-$threads}"
echo "== DL4J vs PyTorch: batch $batch, threads $threads, beats/s (median of $repeats), ratio = DL4J / PyTorch;"
echo "   infer ${w}x: $w networks side by side; best: each side's faster inference"
awk -F'\t' -v w="$w" '
  FNR == 1 { next }
  FILENAME ~ /dl4j/ { order[++n] = $1; p[$1] = $2; di[$1] = $7; dt[$1] = $8; dw[$1] = $10; next }
  { ti[$1] = $5; tt[$1] = $6; m[$1] = $4; tw[$1] = $8 }
  function max(a, b) { return a > b ? a : b }
  END {
    printf "%-12s %8s %6s %11s %11s %6s %11s %11s %6s %6s %11s %11s %6s\n", "arch", "params", "match", "dl4j infer",
      "torch infer", "ratio", "dl4j " w "x", "torch " w "x", "ratio", "best", "dl4j train", "torch train", "ratio"
    for (i = 1; i <= n; i++) {
      a = order[i]
      printf "%-12s %8d %6s %11.0f %11.0f %6.2f %11.0f %11.0f %6.2f %6.2f %11.0f %11.0f %6.2f\n", a, p[a], m[a],
        di[a], ti[a], di[a] / ti[a], dw[a], tw[a], dw[a] / tw[a], max(di[a], dw[a]) / max(ti[a], tw[a]),
        dt[a], tt[a], dt[a] / tt[a]
    }
  }' "$work/dl4j-results.tsv" "$work/torch-results.tsv"
exit "$status"
