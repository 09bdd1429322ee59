#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb (never edit README.md by hand).

    python tools/make_readme.py            # run the index notebook (outputs saved in it, cleaned), then README.md
    python tools/make_readme.py --no-run   # only convert, with the outputs already stored in the notebook

The notebook is executed in nbs/ (as nbdev_test does) so that its examples show their real output, cleaned with
nbdev_clean, then converted with `jupyter nbconvert --to markdown` after removing what is not for readers:
hidden cells (`#| hide`), `#|` directive lines, and notebook-relative links (rewritten to `nbs/...`).
"""
import argparse, json, os, re, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NB, README = ROOT/'nbs'/'index.ipynb', ROOT/'README.md'
_re_dir = re.compile(r'^\s*#\s?\|\s*(.*?)\s*$')
HEADER = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n'

def run_index():
    "Execute nbs/index.ipynb in place (cwd nbs/) and clean it as nbdev_clean does."
    from execnb.shell import CaptureShell
    from execnb.nbio import read_nb, write_nb
    from nbdev.clean import nbdev_clean
    cwd = os.getcwd(); os.chdir(NB.parent)
    try:
        nb = read_nb(NB)
        sh = CaptureShell()
        sh.run_all(nb, exc_stop=True)
        write_nb(nb, NB)
    finally: os.chdir(cwd)
    os.chdir(ROOT)
    nbdev_clean(fname=str(NB))

def directives(src):
    lines, d = src.split('\n'), {}
    while lines and _re_dir.match(lines[0]):
        k, _, v = _re_dir.match(lines.pop(0)).group(1).partition(':')
        d[k.strip()] = v.strip() or True
    return d, '\n'.join(lines)

def readme_nb():
    "The index notebook as README content: hidden cells dropped, directives stripped, links made repo-relative."
    nb = json.loads(NB.read_text(encoding='utf-8'))
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
        if c['cell_type'] == 'code':
            d, src = directives(src)
            if d.get('hide') or str(d.get('include', '')).lower() == 'false' or 'export' in d or 'default_exp' in d: continue
            if str(d.get('echo', '')).lower() == 'false': src = ''
            if str(d.get('output', '')).lower() == 'false': c['outputs'] = []
            if not src.strip() and not c.get('outputs'): continue
        elif c['cell_type'] == 'markdown':
            src = re.sub(r'\]\((?:\./)?(images/[^)]+)\)', r'](nbs/\1)', src)
            src = re.sub(r'\]\((?:\./)?(\d+[a-z]?_[\w-]+\.ipynb(?:#[^)]*)?)\)', r'](nbs/\1)', src)
        else: continue
        c['source'] = src
        cells.append(c)
    nb['cells'] = cells
    nb['metadata']['language_info'] = {'name': 'python'}   # fenced code blocks say ```python
    return nb

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--no-run', action='store_true', help='do not execute the notebook; use its stored outputs')
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    if not args.no_run: run_index()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)/'README.ipynb'
        tmp.write_text(json.dumps(readme_nb()), encoding='utf-8')
        r = subprocess.run([sys.executable, '-m', 'nbconvert', '--to', 'markdown', '--log-level', 'WARN',
                            '--output-dir', d, str(tmp)], capture_output=True, text=True)
        if r.returncode: sys.exit(f'[make_readme] nbconvert failed:\n{r.stderr}')
        md = (Path(d)/'README.md').read_text(encoding='utf-8')
    md = re.sub(r'\n{3,}', '\n\n', md).strip() + '\n'
    README.write_text(HEADER + md, encoding='utf-8')
    print(f'[make_readme] wrote {README} ({len(md.splitlines())} lines)')

if __name__ == '__main__': main()
