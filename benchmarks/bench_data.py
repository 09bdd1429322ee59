"""Benchmark stages 1-2 and the dataset: stage-1 time for a PartialSpoof-eval-sized split (71,237 tiny files)
and loader throughput (utterances/s) with 2 workers, raw list and shards, train and infer mode.

Usage: python benchmarks/bench_data.py [--n_files 71237] [--n_utts 1000] [--utt_s 3.0] [--workers 2]
"""
import argparse, io, tempfile, time
from pathlib import Path
import numpy as np, soundfile as sf
from spoofxai.data import prepare_split
from spoofxai.lists import read_data_dir, write_raw_list, write_shards
from spoofxai.dataset import make_loader

def wav_bytes(n, rng):
    b = io.BytesIO(); sf.write(b, (0.1*rng.standard_normal(n)).astype('float32'), 16000, format='WAV', subtype='PCM_16')
    return b.getvalue()

def make_db(root, n, dur_s, seed=0):
    "A PartialSpoof-layout eval split of `n` files of `dur_s` seconds (same content, 1 in 10 bona fide)."
    rng = np.random.default_rng(seed)
    db = Path(root)/'database'; w = db/'eval'/'con_wav'; w.mkdir(parents=True)
    (db/'protocols'/'PartialSpoof_LA_cm_protocols').mkdir(parents=True)
    data, lines = wav_bytes(int(dur_s*16000), rng), []
    for i in range(n):
        bona = i % 10 == 0
        u = f'LA_E_{i:07d}' if bona else f'CON_E_{i:07d}'
        (w/f'{u}.wav').write_bytes(data)
        lines.append(f"LA_0001 {u} - {'-' if bona else 'CON'} {'bonafide' if bona else 'spoof'}")
    (db/'protocols'/'PartialSpoof_LA_cm_protocols'/'PartialSpoof.LA.cm.eval.trl.txt').write_text('\n'.join(lines) + '\n')

def throughput(lst, mode, workers, bs=32):
    dl = make_loader(lst, mode, batch_size=bs, num_workers=workers, chunk_s=4.0)
    t, n = time.perf_counter(), 0
    for b in dl: n += len(b['keys'])
    return n, n/(time.perf_counter() - t)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n_files', type=int, default=71237); ap.add_argument('--n_utts', type=int, default=1000)
    ap.add_argument('--utt_s', type=float, default=3.0); ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        t = time.perf_counter(); make_db(d/'big', a.n_files, 0.1); mk = time.perf_counter() - t
        print(f"made {a.n_files} files of 0.1 s in {mk:.1f} s")
        for th in (16, 1):
            t = time.perf_counter(); r = prepare_split(d/'big', 'eval', d/f'out{th}', num_threads=th, progress=False)
            print(f"stage 1 (prepare_split eval, {r['utterances']} files, {th} threads): {time.perf_counter() - t:.1f} s")
        make_db(d/'thr', a.n_utts, a.utt_s)
        prepare_split(d/'thr', 'eval', d/'thr_data', progress=False)
        items = read_data_dir(d/'thr_data')
        write_raw_list(items, d/'raw.list')
        t = time.perf_counter(); write_shards(items, d/'shards', d/'shard.list', progress=False)
        print(f"stage 2 shards for {len(items)} utterances of {a.utt_s} s: {time.perf_counter() - t:.1f} s")
        for lst in ('raw.list', 'shard.list'):
            for mode in ('train', 'infer'):
                n, ups = throughput(d/lst, mode, a.workers)
                print(f"dataset {lst:10s} {mode:5s} ({a.workers} workers, batch 32, {a.utt_s} s utterances"
                      f"{', 4 s chunks' if mode == 'train' else ''}): {ups:.0f} utterances/s ({n} utterances)")
