#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb with nbconvert: `python tools/make_readme.py` (edit the notebook, not README.md).

What `nbdev_readme` does without Quarto (see docs/README.md): hidden cells (`#| hide`) are dropped, `#|` lines
removed, links to notebooks and images made relative to the repository root. The README shows the outputs stored
in the notebook: run it first (e.g. `jupyter nbconvert --to notebook --execute --inplace nbs/index.ipynb`).
"""
import re
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parents[1]
HEADER = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n'

def main():
    nb = nbformat.read(ROOT/'nbs'/'index.ipynb', as_version=4)
    hidden = re.compile(r'^#\|\s*(hide|export\w*|default_exp|include:\s*false)\b', flags=re.M)
    nb.cells = [c for c in nb.cells if c.cell_type == 'markdown' or c.cell_type == 'code' and not hidden.search(c.source)]
    for c in nb.cells: c.source = re.sub(r'^#\|.*\n?', '', c.source, flags=re.M)
    nb.metadata['language_info'] = {'name': 'python'}                   # ```python fences
    md, _ = MarkdownExporter().from_notebook_node(nb)
    md = re.sub(r'\]\((?:\./)?((?:images/|[\w-]+\.ipynb)[^)]*)\)', r'](nbs/\1)', md)
    (ROOT/'README.md').write_text(HEADER + re.sub(r'\n{3,}', '\n\n', md).strip() + '\n', encoding='utf-8')
    print(f'[make_readme] wrote {ROOT/"README.md"}')

if __name__ == '__main__': main()
