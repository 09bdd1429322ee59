#!/usr/bin/env python
"""What on-the-fly augmentation costs: loader throughput (training chunks/s) with each augmentation switched on
(probability 1) against none, with the same number of workers, and the training throughput of a recipe (default:
the CPU tutorial) with its loader augmenting, with the fraction of each step spent waiting for the loader.
Prints figures; not a test.

    python benchmarks/bench_augment.py                              # tutorial recipe, its 1 loader worker, auto device
    python benchmarks/bench_augment.py --num_workers 2 --batches 20
    python benchmarks/bench_augment.py --config resnet18_fbank --device cuda --num_workers 6
"""
import argparse, sys, time, tempfile
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).parent))
from bench_train import tutorial_lists, throughput
from spoofxai.core import get_device
from spoofxai.train import load_train_config
from spoofxai.dataset import make_loader

SETTINGS = {   # name: data.augment section (each alone with probability 1, then the tutorial_augment recipe's mix)
    'none': {},
    'speed': {'speed': {'prob': 1.0}},
    'reverb (simulated)': {'reverb': {'prob': 1.0}},
    'noise (generated)': {'noise': {'prob': 1.0}},
    **{f'rawboost algo {a}': {'rawboost': {'prob': 1.0, 'algo': a}} for a in (1, 2, 3, 5)},
    **{f'codec {c}': {'codec': {'prob': 1.0, 'codecs': [c]}} for c in ('mp3', 'vorbis', 'opus', 'ulaw', 'telephone')},
}

def loader_rate(lst, cfg, augment, batches):
    "Training chunks/s of the loader alone over `batches` batches (after one warm-up batch)."
    d = cfg['data']
    dl = make_loader(lst, 'train', batch_size=d['batch_size'], num_workers=d['num_workers'], chunk_s=d['chunk_s'],
                     seed=cfg['seed'], augment=augment)
    n, it, t = 0, iter(dl), None
    for i in range(batches + 1):
        try: b = next(it)
        except StopIteration: dl.set_epoch(i); it = iter(dl); b = next(it)
        if i == 0: t = time.perf_counter()
        else: n += len(b['keys'])
    return n / (time.perf_counter() - t)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--config', default='tutorial'); ap.add_argument('--mix', default='tutorial_augment',
                    help='recipe whose data.augment section is timed as the mix')
    ap.add_argument('--device', default='auto'); ap.add_argument('--num_workers', type=int, default=None)
    ap.add_argument('--batches', type=int, default=10); ap.add_argument('--steps', type=int, default=10)
    a = ap.parse_args()
    device = get_device(a.device)
    lists = tutorial_lists(Path(tempfile.mkdtemp(prefix='bench_augment_')))
    ov = [f"--data.train_list={lists['train']}", f'--device={device}'] + ([f'--data.num_workers={a.num_workers}'] if a.num_workers is not None else [])
    cfg = load_train_config(a.config, ov)
    mix = load_train_config(a.mix)['data']['augment']
    d = cfg['data']
    print(f"config {a.config}: batch {d['batch_size']} x {d['chunk_s']} s chunks, {d['num_workers']} loader worker(s), "
          f"{torch.get_num_threads()} torch threads, device {device}")
    rates = {}
    for name, aug in {**SETTINGS, f'mix ({a.mix} recipe)': mix}.items():
        rates[name] = r = loader_rate(lists['train'], cfg, aug, a.batches)
        print(f"loader {name:28s} {r:7.1f} chunks/s  ({r/rates['none']*100:5.1f}% of none)", flush=True)
    for name, aug in (('none', {}), (f'mix ({a.mix} recipe)', mix)):
        cps, wf, sps = throughput({**cfg, 'data': {**d, 'augment': aug}}, a.steps, 2, device)
        print(f"training with {name:28s} {cps:6.1f} chunks/s ({sps*1000:.0f} ms/step), loader wait {wf*100:.1f}% of step time")

if __name__ == '__main__': main()
