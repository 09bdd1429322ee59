#!/usr/bin/env python
"""The measurement behind the tutorial recipe's front-end (07_models): train the `tutorial` recipe on the synthetic
tutorial database with each LFCC setting, average the best 3 epochs, and print the training time, the dev EER and the
eval EER, overall and per attack (all bona fide vs. one attack's spoofs; A05 is unseen in training). Prints figures;
not a test. Each run takes about 1 minute on two idle CPU cores.

    python benchmarks/bench_tutorial_frontend.py                       # deltas 2 + cmn (the recipe) vs deltas 0, no cmn
    python benchmarks/bench_tutorial_frontend.py --settings 2,true 0,true 2,false
"""
import argparse, sys, tempfile, time
from pathlib import Path
import torch

from spoofxai.core import read_table
from spoofxai.synth import tutorial_database
from spoofxai.train import train, score_loader, eer_of
from spoofxai.average import average_model, load_trained_model
from spoofxai.dataset import make_loader
sys.path.insert(0, str(Path(__file__).parent))
from bench_train import tutorial_lists


def run(root, deltas, cmn, lists, device):
    "Train the tutorial recipe with these LFCC settings; return (seconds, {row: EER})."
    exp = Path(root)/f'exp_d{deltas}_cmn{cmn}'
    ov = [f"--data.train_list={lists['train']}", f"--data.dev_list={lists['dev']}", f'--device={device}',
          '--train.progress=false', f'--model.frontend.deltas={deltas}', f'--model.frontend.cmn={str(cmn).lower()}']
    t0 = time.time(); train('tutorial', exp, ov); dt = time.time() - t0
    model, _ = load_trained_model(average_model(exp, 3, 'best'))
    sc = {s: score_loader(model, make_loader(lists[s], 'infer', batch_size=16), torch.device(device)) for s in ('dev', 'eval')}
    att = {u: a for _, (u, a) in read_table(tutorial_database('tutorial')/'extended_annotations'/'eval.utt2attack', 2)}
    rows = {'dev': eer_of(sc['dev']), 'eval': eer_of(sc['eval'])}
    for a in sorted({att[k] for k, v in sc['eval'].items() if v[1] == 1}):
        rows[f'eval {a}'] = eer_of({k: v for k, v in sc['eval'].items() if v[1] == 0 or att[k] == a})
    return dt, rows


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--settings', nargs='*', default=['2,true', '0,false'], help='deltas,cmn pairs')
    ap.add_argument('--device', default='cpu')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as root:
        lists = tutorial_lists(root)
        for s in a.settings:
            d, c = s.split(','); dt, rows = run(root, int(d), c.lower() == 'true', lists, a.device)
            print(f"deltas {d}, cmn {c}: {dt:.0f} s training; " + ', '.join(f"{k} {100*v:.1f}%" for k, v in rows.items()))
