"""Benchmark of the main job: `spoofxai_run` (stages 1-10 on the synthetic database) as a user runs it.

Runs the console script in a new temporary folder with an empty cache (`SPOOFXAI_CACHE` pointing to a new folder, so the
synthetic database is generated too), prints the wall time from start to summary, the pipeline's own stage table, and
whether it is inside the 10-minute budget. Extra arguments go to `spoofxai_run` (e.g. `--synth.size=tiny`).
Usage: python benchmarks/bench_run.py [--keep] [spoofxai_run options]
"""
import os, sys, time, shutil, tempfile, subprocess
from pathlib import Path

keep = '--keep' in sys.argv
args = [a for a in sys.argv[1:] if a != '--keep']
root = Path(tempfile.mkdtemp(prefix='spoofxai_bench_run_'))
env = {**os.environ, 'SPOOFXAI_CACHE': str(root/'cache'), 'MPLBACKEND': 'Agg'}
print(f"spoofxai_run {' '.join(args)} in {root} (fresh cache), {os.cpu_count()} CPU cores")
t = time.perf_counter()
p = subprocess.run(['spoofxai_run', '--quiet', *args], cwd=root, env=env, capture_output=True, text=True)
wall = time.perf_counter() - t
out = p.stdout
if p.returncode: print(out[-3000:], p.stderr[-3000:]); sys.exit(f"spoofxai_run failed with exit status {p.returncode}")
table = out[out.index('=== summary'):].split('\n\n')[0] if '=== summary' in out else '(no summary table found)'
print(table)
print(f"\nwall time, start to summary: {wall:.0f} s ({wall/60:.1f} min): {'inside' if wall < 600 else 'OUTSIDE'} the 10-minute budget")
if not keep: shutil.rmtree(root, ignore_errors=True)
