"""Speed of the stage-7 metrics (spoofxai.metrics) on one CPU core. Prints figures; not a test.

Usage: python benchmarks/bench_metrics.py [n_trials] [repeats]
"""
import os, sys, time
for v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'): os.environ[v] = '1'
if hasattr(os, 'sched_setaffinity'): os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
import numpy as np
from spoofxai import metrics as M

def best(f, *a, repeats=5, **k):
    "Best wall time of `repeats` calls (s) and the last result."
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); r = f(*a, **k); ts.append(time.perf_counter() - t)
    return min(ts), r

def main(n=1_000_000, repeats=5):
    rng = np.random.default_rng(0)
    nb = n // 10                                          # ASVspoof-like: 10 % bona fide
    b, s = rng.normal(2, 1.5, nb), rng.normal(-2, 1.5, n - nb)
    M.compute_all(b[:100], s[:100], llr=True)             # warm-up (lazy scipy import)
    print(f"{n:,} trials ({nb:,} bona fide), one core, best of {repeats}")
    t, r = best(M.compute_all, b, s, llr=True, repeats=repeats)
    print(f"  compute_all(llr=True)  {t*1000:8.1f} ms   (EER, ROCCH-EER, minDCF, 2 x min t-DCF, actDCF, Cllr, minCllr)")
    t, _ = best(M.compute_all, b, s, repeats=repeats)
    print(f"  compute_all(llr=False) {t*1000:8.1f} ms")
    for f in (M.compute_eer, M.compute_min_dcf, M.compute_rocch_eer, M.compute_min_tdcf, M.compute_act_dcf, M.compute_cllr, M.compute_min_cllr):
        t, _ = best(f, b, s, repeats=repeats)
        print(f"  {f.__name__:<22} {t*1000:8.1f} ms")
    bq, sq = np.round(b, 1), np.round(s, 1)               # heavy ties: 1 decimal
    t, _ = best(M.compute_all, bq, sq, llr=True, repeats=repeats)
    print(f"  compute_all, scores rounded to 0.1 (ties) {t*1000:8.1f} ms")
    # segment level: 20,000 utterances of 50-400 frames (~4.5 M frames)
    lens = rng.integers(50, 400, 20_000)
    fs = [rng.normal(1, 1, k) for k in lens]
    fl = [(rng.random(k) < 0.8).astype(np.int64) if i % 5 else np.ones(k, np.int64) for i,k in enumerate(lens)]  # 1 in 5 all bona fide
    t, _ = best(M.compute_segment_eers, fs, fl, (1, 2, 4, 8, 16, 32), repeats=max(1, repeats // 2))
    print(f"{lens.sum():,} frames in {len(lens):,} utterances: segment EER at 6 resolutions + utterance EER {t*1000:8.1f} ms")

if __name__ == '__main__':
    main(*(int(a) for a in sys.argv[1:]))
