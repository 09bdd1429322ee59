#!/usr/bin/env python3
"""Forward+backward time of one training batch (32 x 3 s, 16 kHz) for spoofxai models on this CPU.
Prints wall time and process CPU time (less sensitive to other load) per configuration.
Usage: python benchmarks/bench_models.py [--reps N] [--threads T] [--batch B] [--secs S] [names...]"""
import argparse, copy, time, torch
from spoofxai.models import build_model, MODEL_CONFIGS

def bench(cfg, batch=32, secs=3.0, reps=3, seed=0):
    torch.manual_seed(seed)
    m = build_model(cfg).train()
    opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], 1e-3)
    n = int(16000*secs); wav = torch.randn(batch, n)*0.1; L = torch.full((batch,), n); y = torch.randint(0, 2, (batch,))
    walls, cpus = [], []
    for _ in range(reps + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad(); loss, _ = m.training_step(wav, L, y); loss.backward(); opt.step()
        walls.append(time.perf_counter()-t0); cpus.append(time.process_time()-c0)
    return sum(p.numel() for p in m.parameters()), min(walls[1:]), min(cpus[1:])

VARIANTS = {
    'tutorial': MODEL_CONFIGS['tutorial'],
    'tutorial_c16': {**MODEL_CONFIGS['tutorial'], 'channels': 16},
    'tutorial_lfcc20': {**MODEL_CONFIGS['tutorial'], 'frontend': {'name': 'lfcc', 'deltas': 0, 'cmn': False}},  # no deltas
    'tutorial_fbank40': {**MODEL_CONFIGS['tutorial'], 'frontend': {'name': 'fbank', 'n_mels': 40}},
    'resnet18_fbank': MODEL_CONFIGS['resnet18_fbank'],
}

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('names', nargs='*'); ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--threads', type=int, default=0, help='torch threads (0: torch default)')
    ap.add_argument('--batch', type=int, default=32); ap.add_argument('--secs', type=float, default=3.0)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, batch {a.batch} x {a.secs} s")
    for name in a.names or list(VARIANTS):
        n, w, c = bench(VARIANTS[name], a.batch, a.secs, a.reps)
        print(f"{name:18s} {n/1e3:8.0f} k params  fwd+bwd {1000*w:7.0f} ms wall  {1000*c:7.0f} ms cpu")
