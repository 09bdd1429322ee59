#!/usr/bin/env python3
"""Training-step time (forward + backward + optimizer step, one batch) of the multi-resolution localiser
(`ssl_multireso_gmlp`, six frame losses + the utterance loss) relative to the SSL + SE-Res1D utterance model on
the same batch and the same SSL front-end. Prints wall and process-CPU time (min over reps) and the ratio.
CPU (default): the tiny random wav2vec 2.0 of tests_data. GPU: --device cuda --xlsr builds an XLSR-53-sized
wav2vec 2.0 (1024 dims, 24 layers, random weights) - no download needed.
Usage: python benchmarks/bench_localisation.py [--batch 8] [--secs 3] [--reps 5] [--device cpu|cuda] [--xlsr]"""
import argparse, tempfile, time, numpy as np, torch
from spoofxai.core import tests_data_dir
from spoofxai.models import build_model
from spoofxai.dataset import frame_targets, spoof_mask, _pad_targets

def ssl_dir(xlsr:bool) -> str:
    if not xlsr: return str(tests_data_dir()/'tiny_wav2vec2')
    from transformers import Wav2Vec2Config, Wav2Vec2Model
    d = tempfile.mkdtemp(prefix='xlsr_random_')
    cfg = Wav2Vec2Config(hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, intermediate_size=4096,
                         conv_dim=[512]*7, feat_extract_norm='layer', do_stable_layer_norm=True, conv_bias=True)
    torch.manual_seed(0); Wav2Vec2Model(cfg).save_pretrained(d)
    return d

def step_time(model, wav, L, y, ft, reps, device):
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], 1e-4)
    model.train(); walls, cpus = [], []
    for i in range(reps + 1):
        if device.type == 'cuda': torch.cuda.synchronize()
        t0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad()
        loss, _ = model.training_step(wav, L, y, ft) if ft is not None else model.training_step(wav, L, y)
        loss.backward(); opt.step()
        if device.type == 'cuda': torch.cuda.synchronize()
        if i: walls.append(time.perf_counter() - t0); cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--batch', type=int, default=8); ap.add_argument('--secs', type=float, default=3.0)
    ap.add_argument('--reps', type=int, default=5); ap.add_argument('--device', default='cpu')
    ap.add_argument('--xlsr', action='store_true'); ap.add_argument('--threads', type=int, default=0)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    dev = torch.device(a.device); path = ssl_dir(a.xlsr)
    fe = {'name': 'ssl', 'ssl_path': path, 'ssl_layer': -1, 'ssl_freeze': False, 'ssl_freeze_cnn': True, 'cmn': False}
    n = int(16000 * a.secs); g = torch.Generator().manual_seed(0)
    wav = (torch.randn(a.batch, n, generator=g) * 0.1).to(dev); L = torch.full((a.batch,), n, device=dev)
    y = torch.tensor([i % 2 for i in range(a.batch)], device=dev)
    masks = [spoof_mask(n, 'spoof' if i % 2 else 'bonafide', [[0.5, 1.2]] if i % 2 else None) for i in range(a.batch)]
    torch.manual_seed(0)
    utt = build_model({'name': 'ssl_res1d', 'res1d_blocks': 1, 'embed_dim': 128, 'pooling': 'mean', 'frontend': fe}).to(dev)
    torch.manual_seed(0)
    mr = build_model({'name': 'ssl_multireso_gmlp', 'frontend': fe, 'max_frames': int(a.secs * 50) + 1,
                      'halve_features': a.xlsr}).to(dev)      # the tiny model's 32 features cannot be halved 5 times
    ft = [t.to(dev) for t in _pad_targets([frame_targets(m, **mr.frame_spec()) for m in masks])]
    print(f"torch {torch.__version__} on {dev}, threads {torch.get_num_threads()}, batch {a.batch} x {a.secs} s, "
          f"SSL {'XLSR-53-sized (random)' if a.xlsr else 'tiny wav2vec 2.0 (tests_data)'}")
    res = {}
    for name, m, t in [('SSL + SE-Res1D (utterance)', utt, None), ('ssl_multireso_gmlp (6 scales + utt)', mr, ft)]:
        w, c = step_time(m, wav, L, y, t, a.reps, dev); res[name] = (w, c)
        head = sum(p.numel() for n_, p in m.named_parameters() if not n_.startswith('frontend.ssl.'))
        print(f"{name:38s} back-end {head/1e6:6.2f} M params  step {1000*w:8.1f} ms wall  {1000*c:8.1f} ms cpu")
    (wa, ca), (wb, cb) = res.values()
    print(f"multi-resolution / utterance model step time: {wb/wa:.2f}x wall, {cb/ca:.2f}x cpu")
