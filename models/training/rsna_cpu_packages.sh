#!/usr/bin/env bash
# The untrained rsna-size packages timed in models/training/README.md "The rsna size on CPU": a 4-study phantom
# prep at P 128 / crop 60 mm -> train --preset PRESET --epochs 0 --loc-epochs 0 (random weights: timing only) ->
# CPU copies by quantize.py with the v2 default model's localizer. Nothing is written into the repository.
# Usage: bash models/training/rsna_cpu_packages.sh [WORK] [PRESET]
#   WORK default .cache/rsna-cpu; PRESET rsna (ConvNeXt-tiny, the default) or rsna-small (ConvNeXt-small, the
#   "before"); 7 min (rsna) to 30 min (rsna-small) on 2 loaded cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
W=${1:-.cache/rsna-cpu}
PRESET=${2:-rsna}
PY=/usr/bin/python3
mkdir -p "$W"
st() { echo "== $(date -u +%T) $*"; }
if [ -f "$W/untrained/manifest.json" ] && ! grep -q "\"preset\": \"$PRESET\"" "$W/untrained/manifest.json"; then
  echo "rsna_cpu_packages: $W/untrained was trained with another preset; use another WORK for --preset $PRESET" >&2
  exit 2
fi
if [ ! -f "$W/untrained/manifest.json" ]; then
  rm -rf "$W/ds" "$W/prep"
  st phantom
  nice -n 10 npm run -s cli -- phantom --out "$W/ds" --studies 4 --seed 555 --workers 1
  st prep
  nice -n 10 npm run -s cli -- prep --dataset "$W/ds" --out "$W/prep" --px 128 --crop-mm 60 --jitter 1 \
    --localizer-studies 4
  st "train --preset $PRESET (0 epochs) + export + parity"
  OMP_NUM_THREADS=2 nice -n 10 $PY -m models.training.train --prep "$W/prep" --out "$W/untrained" \
    --preset "$PRESET" --epochs 0 --loc-epochs 0 --device cpu --threads 2 --id "$PRESET-untrained" \
    --description "UNTRAINED $PRESET-preset package (random weights, --epochs 0 --loc-epochs 0 on a 4-study phantom prep, P 128, crop 60 mm): for timing only"
fi
V2=models/spinegrade-phantom-v2
st 'float32 (+ the v2 localizer: the untrained one finds no lumbar column)'
nice $PY -m models.training.quantize --model "$W/untrained" --out "$W/fp32" --float --localizer-from $V2
st 'int8'
nice $PY -m models.training.quantize --model "$W/untrained" --out "$W/int8" --localizer-from $V2
st 'int8, 3 of 5 slices per crop (a model change)'
nice $PY -m models.training.quantize --model "$W/untrained" --out "$W/int8-s3" --slices 3 --localizer-from $V2
st "done: $W/fp32 $W/int8 $W/int8-s3"
