#!/usr/bin/env bash
# Reproduces the default model end to end (npm run train:phantom): generate phantom studies, prep with jitter,
# train both stages (--preset phantom), export to models/spinegrade-phantom-v6 with parity check, generate a
# held-out set with another seed, evaluate it with the app's own pipeline (clean and under --perturb 1 and 2),
# write the metrics into the package.
# About 75 minutes on a 2-core machine (58 min for v4 1.0.0 with a 20-minute budget; 35 minutes of training
# now); every knob below can be overridden from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

STUDIES=${STUDIES:-2000}          # training studies (the issue asks for >= 2000)
SEED=${SEED:-1001}                # training set seed
HELDOUT=${HELDOUT:-200}           # held-out studies, generated with a seed never used in training
HELDOUT_SEED=${HELDOUT_SEED:-90210}
JITTER=${JITTER:-1}               # jittered classifier copies per level (slice +-2, xy +-10 px)
LOC_STUDIES=${LOC_STUDIES:-600}   # localizer rows from the first N studies only (0.8 MB per row)
MAX_MINUTES=${MAX_MINUTES:-35}    # training budget of both stages together (spinegrade-phantom-v2, -v3, -v4 1.0.0: 20; -v4 1.1.0: 35)
EPOCHS=${EPOCHS:-8}               # classifier epochs (the time budget usually ends training first)
THREADS=${THREADS:-2}             # torch CPU threads
WORKERS=${WORKERS:-2}             # phantom generator processes
PERTURB=${PERTURB-1 2}            # also evaluate under evaluate --perturb S for each S (empty: skip)
MODEL_ID=${MODEL_ID:-spinegrade-phantom-v6}
MODEL_VERSION=${MODEL_VERSION:-1.0.0}  # package version (spinegrade-phantom-v4 1.1.0 was the 35-minute v4; v5 1.0.0 was trained on phantom v5; v6 on phantom v6)
MODEL_DIR=${MODEL_DIR:-models/$MODEL_ID}
WORK=${WORK:-.cache/train-phantom-v6}
REUSE_PREP=${REUSE_PREP:-0}       # 1: skip generate and prep, train from the $WORK/prep a KEEP_PREP=1 run left
KEEP_PREP=${KEEP_PREP:-$REUSE_PREP} # 1: keep $WORK/prep (tens of GB) so a later run can retrain from it
PY=/usr/bin/python3

T0=$(date +%s)
stamp() { echo "== [$(( ($(date +%s) - T0) / 60 ))m$(( ($(date +%s) - T0) % 60 ))s] $*"; }
cli() { npm run -s cli -- "$@"; }

if [ "$REUSE_PREP" = 1 ]; then
  if [ ! -d "$WORK/prep" ]; then
    echo "REUSE_PREP=1 but there is no $WORK/prep: run once with KEEP_PREP=1 first" >&2
    exit 2
  fi
  stamp "reuse $WORK/prep (generate and prep skipped)"
else
  rm -rf "$WORK"
  mkdir -p "$WORK"

  stamp "generate $STUDIES training phantom studies (seed $SEED)"
  cli phantom --out "$WORK/train" --studies "$STUDIES" --seed "$SEED" --workers "$WORKERS"

  stamp "prep (jitter $JITTER, localizer rows from $LOC_STUDIES studies)"
  cli prep --dataset "$WORK/train" --out "$WORK/prep" --jitter "$JITTER" --localizer-studies "$LOC_STUDIES"
  rm -rf "$WORK/train/train_images" # the DICOM files are no longer needed; the prep holds the tensors
fi

stamp "train (--preset phantom, $MAX_MINUTES min budget, $THREADS threads)"
DESCRIPTION="$STUDIES synthetic phantom studies (npm run cli -- phantom --studies $STUDIES --seed $SEED), \
no real patient data; prep with $JITTER jittered copy per level, localizer rows from the first $LOC_STUDIES \
studies; split 90/10 by study id hash."
OMP_NUM_THREADS=$THREADS $PY -m models.training.train --prep "$WORK/prep" --out "$MODEL_DIR" --preset phantom \
  --epochs "$EPOCHS" --max-minutes "$MAX_MINUTES" --threads "$THREADS" --id "$MODEL_ID" --model-version "$MODEL_VERSION" --description "$DESCRIPTION"
[ "$KEEP_PREP" = 1 ] || rm -rf "$WORK/prep"
rm -rf "$WORK/heldout" "$WORK"/eval*

stamp "generate $HELDOUT held-out phantom studies (seed $HELDOUT_SEED)"
cli phantom --out "$WORK/heldout" --studies "$HELDOUT" --seed "$HELDOUT_SEED" --workers "$WORKERS"

stamp "evaluate $MODEL_DIR on the held-out set"
mkdir -p "$WORK/eval"
cli evaluate --dataset "$WORK/heldout" --model "$MODEL_DIR" --json "$WORK/eval/metrics.json"

PERTURBED=()
for S in $PERTURB; do
  stamp "evaluate $MODEL_DIR on the held-out set under --perturb $S"
  mkdir -p "$WORK/eval-perturb-$S"
  cli evaluate --dataset "$WORK/heldout" --model "$MODEL_DIR" --perturb "$S" --json "$WORK/eval-perturb-$S/metrics.json"
  PERTURBED+=(--perturbed "$S=$WORK/eval-perturb-$S/metrics.json")
done

stamp "write the metrics into $MODEL_DIR/manifest.json and MODEL_CARD.md"
$PY -m models.training.fill_metrics --model "$MODEL_DIR" --metrics "$WORK/eval/metrics.json" --images "$WORK/eval" \
  "${PERTURBED[@]}" --dataset "$HELDOUT synthetic phantom studies (npm run cli -- phantom --studies $HELDOUT --seed $HELDOUT_SEED), never used in training"

stamp "done: $MODEL_DIR ($(du -sh "$MODEL_DIR" | cut -f1))"
