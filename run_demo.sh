#!/usr/bin/env bash
# The main job: the full pipeline on the built-in synthetic PartialSpoof-layout database, on a CPU.
#   bash run_demo.sh [WORK_DIR]        (default: demo/)
# Each stage is a command of the installed package; rerunning resumes (finished stages are reused).
set -euo pipefail
W=${1:-demo}
mkdir -p "$W" && cd "$W"
step() { echo; echo "=== $* ==="; }

step "synthetic database (PartialSpoof layout)"
[ -f db/synth_info.json ] || spoofxai_synth --out db --n_train 300 --n_dev 150 --n_eval 300 --seed 0

step "stage 1: data preparation"
spoofxai_prepare --ps_dir db --data data

step "stage 2: lists"
for s in train dev eval; do spoofxai_make_list --data data/$s --type raw; done

step "stage 3: training (tutorial recipe; an interrupted run resumes)"
spoofxai_train --config tutorial --exp_dir exp/tutorial

step "stage 4: model averaging"
spoofxai_average --exp_dir exp/tutorial --num 3 --mode best

step "stage 5: logits for dev and eval"
for s in dev eval; do
  spoofxai_infer --exp_dir exp/tutorial --data_list data/$s/raw.list --out exp/tutorial/scores/${s}_logits.tsv
done

step "stage 6: calibration to LLRs (logistic regression fitted on dev)"
spoofxai_calibrate --dev exp/tutorial/scores/dev_logits.tsv --dev_keys data/dev/utt2lab \
  --eval exp/tutorial/scores/eval_logits.tsv --out exp/tutorial/scores/eval_llr.tsv

step "stage 7: metrics on eval"
spoofxai_eval --scores exp/tutorial/scores/eval_llr.tsv --keys data/eval/utt2lab --llr \
  --out exp/tutorial/scores/eval_metrics.json --det exp/tutorial/scores/eval_det.png

step "stage 8: bootstrap confidence intervals"
spoofxai_stats --scores exp/tutorial/scores/eval_llr.tsv --keys data/eval/utt2lab --llr --n_boot 1000 \
  --out exp/tutorial/scores/eval_stats.json

echo; echo "Done. Results in $W/exp/tutorial/scores/"
