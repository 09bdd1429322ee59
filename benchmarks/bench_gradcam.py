"""Benchmark stage 9 (Grad-CAM extraction), all figures from one run on the same model and utterances:
plain inference (no_grad) vs the batched Grad-CAM of `spoofxai.gradcam.cam_batch` vs pytorch-grad-cam called per
utterance (`pgc_cam`, the reference toolkit's way). With `--device cuda` also utterances/s and the projected time
for the PartialSpoof eval set (71,237 utterances, 67.7 h).

Usage: python benchmarks/bench_gradcam.py [--model resnet18_fbank|tutorial|trained|ssl_tiny] [--n_utts 64]
       [--batch_size 16] [--device cpu|cuda] [--method gradcam] [--repeats 2]
"""
import argparse, copy, time
import numpy as np, torch
from spoofxai.core import set_seed, tests_data_dir
from spoofxai.models import build_model, MODEL_CONFIGS
from spoofxai.synth import tutorial_database
from spoofxai.audio import load_audio
from spoofxai.gradcam import cam_batch, pgc_cam, plan_batches, layer_geometry

EVAL_UTTS, EVAL_HOURS = 71237, 67.7

def get_model(name):
    set_seed(0)
    if name == 'trained':
        from spoofxai.average import tutorial_experiment, load_trained_model
        return load_trained_model(tutorial_experiment('tutorial')/'exp')[0]
    if name == 'ssl_tiny':
        c = copy.deepcopy(MODEL_CONFIGS['xlsr53_res1d']); c['frontend'].update(ssl_path=str(tests_data_dir()/'tiny_wav2vec2'))
        return build_model(c)
    return build_model(MODEL_CONFIGS[name])

def sync(dev):
    if dev.type == 'cuda': torch.cuda.synchronize()

def timed(fns, dev, repeats):
    "Best wall time of each function over `repeats` interleaved rounds (after one warm-up run each)."
    for f in fns: f()
    best = [float('inf')]*len(fns)
    for _ in range(repeats):
        for i, f in enumerate(fns):
            sync(dev); t = time.perf_counter(); f(); sync(dev); best[i] = min(best[i], time.perf_counter() - t)
    return best

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default='resnet18_fbank'); ap.add_argument('--n_utts', type=int, default=64)
    ap.add_argument('--batch_size', type=int, default=16); ap.add_argument('--device', default='cpu')
    ap.add_argument('--method', default='gradcam'); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--skip_pgc', action='store_true', help='do not time pytorch-grad-cam per utterance')
    a = ap.parse_args()
    dev = torch.device(a.device)
    model = get_model(a.model).to(dev).eval()
    wavs = sorted((tutorial_database('tutorial')/'database'/'eval'/'con_wav').glob('*.wav'))[:a.n_utts]
    ws = [load_audio(p) for p in wavs]
    secs = sum(len(w) for w in ws)/16000
    batches = []
    for b in plan_batches([len(w) for w in ws], a.batch_size):
        L = torch.tensor([len(ws[i]) for i in b]); X = torch.zeros(len(b), int(L.max()))
        for k, i in enumerate(b): X[k, :L[k]] = ws[i]
        batches.append((X.to(dev), L.to(dev)))
    layer_geometry(model)                                         # measured once per layer (cached)
    print(f"model {a.model} ({sum(p.numel() for p in model.parameters())/1e6:.2f} M parameters), {len(ws)} utterances "
          f"({secs:.0f} s of audio, mean {secs/len(ws):.2f} s), batch size {a.batch_size}, device {dev}, "
          f"torch threads {torch.get_num_threads()}")
    def infer():
        with torch.no_grad():
            for X, L in batches: model(X, L)
    def gradcam():
        for X, L in batches: cam_batch(model, X, L, 1, None, a.method)
    def pgc():
        for w in ws: pgc_cam(model, w.to(dev), 1, None, a.method)
    t_inf, t_cam = timed([infer, gradcam], dev, a.repeats)     # interleaved: load changes hit both alike
    print(f"inference (no_grad, batched)        {t_inf:8.2f} s  {len(ws)/t_inf:8.1f} utt/s")
    print(f"batched Grad-CAM ({a.method})       {t_cam:8.2f} s  {len(ws)/t_cam:8.1f} utt/s   {t_cam/t_inf:.2f}x inference")
    if not a.skip_pgc:
        t_pgc, = timed([pgc], dev, max(1, a.repeats - 1))
        print(f"pytorch-grad-cam per utterance      {t_pgc:8.2f} s  {len(ws)/t_pgc:8.1f} utt/s   "
              f"batched is {t_pgc/t_cam:.1f}x faster")
    if dev.type == 'cuda':
        per_utt, per_audio = t_cam/len(ws), t_cam/secs
        print(f"projected PartialSpoof eval ({EVAL_UTTS} utterances, {EVAL_HOURS} h): "
              f"{EVAL_UTTS*per_utt/60:.1f} min by utterance count, {EVAL_HOURS*3600*per_audio/60:.1f} min by audio duration")
