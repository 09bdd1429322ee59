#!/usr/bin/env python
"""Training throughput of a recipe (default: ResNet18 + fbank) in 3-s chunks/s, and the fraction of time the
training loop waits for the data loader. Prints figures; not a test.

    python benchmarks/bench_train.py                         # ResNet18-fbank on the synthetic tutorial DB, auto device
    python benchmarks/bench_train.py --device cuda --batch_size 64 --num_workers 8 --steps 100
    python benchmarks/bench_train.py --config tutorial --full  # also time a whole tutorial training run (stage 3 only)
"""
import argparse, os, sys, time, tempfile, copy
from pathlib import Path
import torch

from spoofxai.core import get_device, set_seed
from spoofxai.train import load_train_config, build_optimizer, build_scheduler, build_loaders, train, _StepModule


def tutorial_lists(root):
    "Prepare the synthetic tutorial DB and its raw lists (cached by spoofxai.synth); return {split: raw.list}."
    from spoofxai.synth import tutorial_database
    from spoofxai.data import spoofxai_prepare
    from spoofxai.lists import spoofxai_make_list
    db = tutorial_database(size='tutorial')
    data = Path(root)/'data'
    spoofxai_prepare(ps_dir=str(db), data=str(data), quiet=True)
    for s in ('train', 'dev', 'eval'): spoofxai_make_list(data=str(data/s), quiet=True)
    return {s: data/s/'raw.list' for s in ('train', 'dev', 'eval')}


def throughput(cfg, steps, warmup, device):
    "Run `steps` optimiser steps after `warmup` ones; return (chunks/s, loader-wait fraction, s/step)."
    set_seed(cfg['seed'])
    from spoofxai.models import build_model
    model = build_model(cfg['model']).to(device).train()
    opt = build_optimizer(model, cfg['optim'])
    sched = build_scheduler(opt, cfg['scheduler'], 1000, 1, float(cfg['optim']['lr']))
    use_amp = device.type == 'cuda' and cfg['train']['amp']
    scaler = torch.amp.GradScaler('cuda', enabled=use_amp)
    net, params = _StepModule(model), [p for p in model.parameters() if p.requires_grad]
    tl, _ = build_loaders({**cfg, 'data': {**cfg['data'], 'dev_list': ''}})
    sync = (lambda: torch.cuda.synchronize()) if device.type == 'cuda' else (lambda: None)
    wait = comp = 0.0; chunks = 0; epoch = 0; it = None; done = 0
    while done < warmup + steps:
        t0 = time.perf_counter()
        try: b = next(it) if it is not None else None
        except StopIteration: b = None
        if b is None:
            tl.set_epoch(epoch); epoch += 1; it = iter(tl); b = next(it)
        wav, lens, labs = b['wav'].to(device, non_blocking=True), b['lengths'].to(device), b['labels'].to(device)
        t1 = time.perf_counter()
        with torch.autocast(device.type, dtype=torch.float16, enabled=use_amp): loss, _ = net(wav, lens, labs)
        opt.zero_grad(set_to_none=True); scaler.scale(loss).backward(); scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(params, cfg['train']['clip']); scaler.step(opt); scaler.update(); sched.step()
        sync(); t2 = time.perf_counter()
        if done >= warmup: wait += t1 - t0; comp += t2 - t1; chunks += len(b['keys'])
        done += 1
    tot = wait + comp
    return chunks/tot, wait/tot, tot/steps


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--config', default='resnet18_fbank'); ap.add_argument('--device', default='auto')
    ap.add_argument('--batch_size', type=int, default=None); ap.add_argument('--num_workers', type=int, default=None)
    ap.add_argument('--steps', type=int, default=10); ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--train_list', default=None, help='raw.list/shard.list (default: the synthetic tutorial DB)')
    ap.add_argument('--full', action='store_true', help='also time a whole training run of --config on the tutorial DB')
    a = ap.parse_args()
    device = get_device(a.device)
    work = Path(tempfile.mkdtemp(prefix='bench_train_'))
    lists = None if a.train_list else tutorial_lists(work)
    ov = [f"--data.train_list={a.train_list or lists['train']}", '--data.chunk_s=3.0', f'--device={device}']
    if a.batch_size: ov.append(f'--data.batch_size={a.batch_size}')
    if a.num_workers is not None: ov.append(f'--data.num_workers={a.num_workers}')
    cfg = load_train_config(a.config, ov)
    print(f"device {device} ({torch.cuda.get_device_name(device) if device.type == 'cuda' else f'{torch.get_num_threads()} CPU threads'}), "
          f"config {a.config}, model {cfg['model'].get('name')}, batch {cfg['data']['batch_size']} x 3 s, "
          f"{cfg['data']['num_workers']} loader workers, amp {device.type == 'cuda' and cfg['train']['amp']}")
    cps, wf, sps = throughput(cfg, a.steps, a.warmup, device)
    print(f"training throughput: {cps:.1f} chunks/s of 3 s ({sps*1000:.0f} ms/step), data-loader wait {wf*100:.1f}% of step time")
    if a.full:
        ov2 = [f"--data.train_list={lists['train']}", f"--data.dev_list={lists['dev']}", f'--device={device}', '--train.progress=false']
        t = time.perf_counter(); s = train(a.config, work/'exp', ov2); dt = time.perf_counter() - t
        print(f"full training of {a.config}: {dt:.0f} s for {s['steps']} steps ({s['epochs_run']} epochs), best dev EER {s['best_eer']*100:.2f}%")


if __name__ == '__main__': main()
