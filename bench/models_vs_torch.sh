#!/usr/bin/env bash
# DL4J (beatflow bench models) against PyTorch (bench/torch_models_peer.py) on this machine, one
# after the other, same batch, repeats and threads; prints one table.
#
#   bench/models_vs_torch.sh [--batch 256] [--repeats 7] [--warmup 5] [--warmup-seconds 10] [--threads 2] [--arch cnn,...]
#                            [--input plain|context]
#
# Needs Debian's PyTorch (apt-get install python3-torch), run by /usr/bin/python3 on purpose: the
# python3 first on PATH may be another interpreter without torch.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
batch=256 repeats=7 warmup=5 warmup_seconds=10 threads=2 arch=cnn,bilstm,attention,transformer input=plain
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --warmup-seconds) warmup_seconds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --arch) arch="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== DL4J: beatflow bench models"
OMP_NUM_THREADS="$threads" "$here/beatflow" bench models --batch "$batch" --repeats "$repeats" --warmup "$warmup" \
  --warmup-seconds "$warmup_seconds" \
  --threads "$threads" --arch "$arch" --input "$input" --config-out "$work" 2> >(grep -v -E "^Added differentiated op|^SLF4J" >&2)
echo
echo "== PyTorch: bench/torch_models_peer.py"
status=0
OMP_NUM_THREADS="$threads" /usr/bin/python3 "$here/bench/torch_models_peer.py" --configs "$work" --batch "$batch" \
  --repeats "$repeats" --warmup "$warmup" --warmup-seconds "$warmup_seconds" --threads "$threads" --arch "$arch" --out "$work/torch-results.tsv" || status=$?
echo
echo "== DL4J vs PyTorch: batch $batch, threads $threads, beats/s (median of $repeats), ratio = DL4J / PyTorch"
awk -F'\t' '
  FNR == 1 { next }
  FILENAME ~ /dl4j/ { order[++n] = $1; p[$1] = $2; di[$1] = $7; dt[$1] = $8; next }
  { ti[$1] = $5; tt[$1] = $6; m[$1] = $4 }
  END {
    printf "%-12s %8s %6s %12s %12s %6s %12s %12s %6s\n", "arch", "params", "match", "dl4j infer", "torch infer", "ratio", "dl4j train", "torch train", "ratio"
    for (i = 1; i <= n; i++) {
      a = order[i]
      printf "%-12s %8d %6s %12.0f %12.0f %6.2f %12.0f %12.0f %6.2f\n", a, p[a], m[a], di[a], ti[a], di[a] / ti[a], dt[a], tt[a], dt[a] / tt[a]
    }
  }' "$work/dl4j-results.tsv" "$work/torch-results.tsv"
exit "$status"
