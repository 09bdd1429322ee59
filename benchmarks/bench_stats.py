"""Benchmark of stage 8's vectorised bootstrap (spoofxai.stats): 1,000 stratified resamples of 100,000 trials.

Prints the time for the one-sort, counts-per-tied-group bootstrap (all metrics, and without the two
per-resample ones), a paired two-system run, and the naive approach (re-score every resample with
metrics.compute_all) extrapolated from a few resamples.  Usage: python benchmarks/bench_stats.py [n_trials] [n_boot]
"""
import sys, time
import numpy as np
from spoofxai import metrics
from spoofxai.stats import bootstrap, metric_names

n, n_boot = (int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), (int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
rng = np.random.default_rng(0)
nb = n // 10
A = (rng.normal(2, 1.5, nb), rng.normal(-2, 1.5, n - nb))
B = (A[0] + rng.normal(0, .5, nb), A[1] + rng.normal(0, .5, n - nb))
print(f"{n} trials ({nb} bona fide), {n_boot} resamples")

def timed(label, f):
    t = time.perf_counter(); out = f(); dt = time.perf_counter() - t
    print(f"  {label:<58}{dt:8.2f} s"); return out, dt

fast = metric_names(llr=True, fast=True)
timed(f"one system, {len(fast)} metrics {fast}", lambda: bootstrap([A], n_boot, 0, fast))
timed("one system, all 8 metrics (+ ROCCH-EER, minCllr per resample)", lambda: bootstrap([A], n_boot, 0, metric_names(llr=True)))
timed(f"two systems paired, {len(fast)} metrics", lambda: bootstrap([A, B], n_boot, 0, fast))
k = 5
def naive():
    for r in range(k):
        ib, is_ = rng.integers(0, nb, nb), rng.integers(0, n - nb, n - nb)
        metrics.compute_all(A[0][ib], A[1][is_], llr=True)
_, dt = timed(f"naive: metrics.compute_all on {k} resamples", naive)
print(f"  {'naive, extrapolated to ' + str(n_boot) + ' resamples':<58}{dt / k * n_boot:8.2f} s")
