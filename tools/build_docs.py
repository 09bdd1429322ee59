#!/usr/bin/env python3
"""Build the docs site from the notebooks: `python tools/build_docs.py` writes _site/index.html.

Every notebook in nbs/ (except names starting with `_` or `.`) becomes a page, in file-name order; no page list.
Why Sphinx and not Quarto, and what each step does: docs/README.md. In short:
1. nbdev's `proc_nbs` (what `nbdev_docs` runs before Quarto) writes _proc/: `show_doc` entries for exported
   names, exported and hidden cells removed, names linked. It is cached by modification time (`--force`: redo).
2. The few Quarto-only bits become MyST (docs/_build/src/<page>.ipynb, page = nbdev's `output-file`):
   the front matter becomes the title, `#|` directives become cell tags, links into the site become relative,
   and each `show_doc` output becomes a section whose docments are fastcore's `DocmentTbl` table.
3. `sphinx-build -W` (warnings are errors) renders them with myst-nb and furo. Pages show the outputs stored in
   the notebooks (nothing is re-run). MathJax 3 comes from npm and is served by the site itself (docs/conf.py).
"""
import argparse, functools, importlib, json, re, shutil, subprocess, sys, time
import yaml
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))      # document this checkout's package, not another installed copy
BUILD, NBS = ROOT/'docs'/'_build', ROOT/'nbs'
SRC = BUILD/'src'
_re_dir = re.compile(r'^#\|\s*([\w-]+):?\s*(.*?)\s*$')

def log(*a): print('[build_docs]', *a, flush=True)
def die(msg): sys.exit(f'[build_docs] ERROR: {msg}')
def text(x): return ''.join(x) if isinstance(x, list) else x or ''
def md_cell(s): return {'cell_type': 'markdown', 'metadata': {}, 'source': s}

def install_mathjax():
    "MathJax 3 (npm `mathjax@3`) in docs/_build/npm, installed once; docs/conf.py serves it from the site."
    if (BUILD/'npm'/'node_modules'/'mathjax'/'es5'/'tex-chtml.js').is_file(): return
    if not shutil.which('npm'): die('npm not found: install Node.js and npm (the docs serve MathJax 3 from npm)')
    log('npm install mathjax@3')
    cmd = ['npm', 'install', '--prefix', str(BUILD/'npm'), '--no-audit', '--no-fund', '--loglevel=error', 'mathjax@3']
    if subprocess.run(cmd).returncode: die('npm install mathjax@3 failed (see above)')

def docments_table(obj):
    "fastcore's `DocmentTbl` of `obj`, types and defaults as code (so `int | None` does not split a table row)."
    from fastcore.docments import DocmentTbl, empty
    tbl = DocmentTbl(obj)
    for p in tbl.dm.values():
        for k in ('anno', 'default'):
            if p.get(k, empty) is not empty:
                s = p[k] if k == 'anno' and isinstance(p[k], str) else getattr(p[k], '__name__', None) or repr(p[k])
                p[k] = '`' + s.replace('\n', ' ').replace('|', r'\|') + '`'
        if isinstance(p.get('docment'), str): p['docment'] = p['docment'].replace('|', r'\|')
    return str(tbl)

def plain_signature(obj):
    "The signature nbdev shows, without the docments comments (they go to the table)."
    from fastcore.docments import DocmentText
    sig = DocmentText(obj, docstring=False)
    for p in sig.dm.values(): p['docment'] = None
    return f'```python\n{sig}\n```'

def api_entry(md, obj):
    "A `show_doc` output as a markdown section: source link, anchor for nbdev's links, signature, docments table."
    md = re.sub(r'^---\s*', '', md)                          # Quarto's rule above each entry
    md = re.sub(r'\[source\]\(([^)]+)\)\{[^}]*\}', r'<a class="sd-source" href="\1">[source]</a>', md)
    md = re.sub(r'^(#+) (.+)$', lambda m: f'<span id="{m[2].lower()}"></span>\n\n{m[0]}', md, count=1, flags=re.M)
    if obj is None: return md
    tbl = docments_table(obj)
    if not tbl: return md
    return re.sub(r'```python\n.*?\n```', lambda m: plain_signature(obj), md, count=1, flags=re.S) + '\n\n' + tbl

def relink(md, pages, anchors, site):
    "Links into the site (nbdev writes absolute ones, also to names without an entry) and to notebooks, made relative."
    def site_link(m):
        text, page, anchor = m[1], m[2], m[3]
        if anchor and anchor not in anchors.get(page, ()): return text          # no such entry: keep the `name`
        return f'[{text}]({page}.html' + (f'#{anchor})' if anchor else ')')
    md = re.sub(rf'\[([^\]\n]*)\]\({re.escape(site)}([\w-]+)\.html(?:#([^)\s]*))?\)', site_link, md)
    return re.sub(r'\]\((?:\./)?([\w-]+)\.ipynb(#[^)]*)?\)', lambda m: f']({pages.get(m[1], m[1])}.html{m[2] or ""})', md)

def default_exp(nb_path):
    "The module a source notebook exports to (`#| default_exp name`), or None."
    cells = json.loads(nb_path.read_text(encoding='utf-8'))['cells']
    m = re.search(r'^#\|\s*default_exp\s+(\S+)', '\n'.join(text(c['source']) for c in cells), flags=re.M)
    return m and m[1]

def resolve(name, mod):
    "The object `show_doc(name)` documents, looked up in the notebook's module; None if it is not there."
    try: return functools.reduce(getattr, name.split('.'), importlib.import_module(mod))
    except Exception: return None

def convert(nb, mod, link):
    "A notebook processed by nbdev as a MyST notebook: (cells, title)."
    cells, title = [], None
    for c in nb['cells']:
        s = text(c.get('source'))
        if c['cell_type'] == 'raw':
            if s.startswith('---'):                            # Quarto front matter: the title and summary
                fm = yaml.safe_load(s.strip().strip('-')) or {}
                title = fm.get('title', '')
                cells.append(md_cell(f"# {title}\n\n> {fm['description']}" if fm.get('description') else f'# {title}'))
            continue
        if c['cell_type'] == 'markdown':
            cells.append(md_cell(link(s))); continue
        lines = s.split('\n')
        d = {m[1]: m[2] for m in map(_re_dir.match, lines) if m}
        code = '\n'.join(l for l in lines if not _re_dir.match(l)).strip()
        outs = c.get('outputs', [])
        if d.get('include') == 'false' or (not code and not outs): continue
        if (m := re.fullmatch(r'show_doc\((.+)\)', code)):
            md = ''.join(text(o.get('data', {}).get('text/markdown')) for o in outs)
            cells.append(md_cell(link(api_entry(md, resolve(m[1], mod) if mod else None)))); continue
        tags = ['remove-input'] * (d.get('echo') == 'false') + ['remove-output'] * (d.get('output') == 'false')
        cells.append({'cell_type': 'code', 'metadata': {'tags': tags}, 'source': code, 'outputs': outs, 'execution_count': None})
    for i, c in enumerate(cells): c['id'] = f'c{i}'
    return cells, title

def write_if_changed(path, s):
    "Write `s` to `path` unless it already holds it (Sphinx then rebuilds only the pages that changed)."
    if not path.exists() or path.read_text(encoding='utf-8') != s: path.write_text(s, encoding='utf-8')

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=str(ROOT/'_site'), help='output folder (default: _site)')
    ap.add_argument('--force', action='store_true', help="redo nbdev's processing of every notebook (ignore _proc/)")
    ap.add_argument('--workers', type=int, default=2, help='notebooks processed in parallel by nbdev')
    args, t0 = ap.parse_args(argv), time.time()
    from nbdev.config import get_config
    from nbdev.serve import proc_nbs
    cfg = get_config()
    install_mathjax()
    nbs = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if not any(p.stem == 'index' for p in nbs): die('nbs/index.ipynb is missing: it is the home page')
    log(f'nbdev proc_nbs: {len(nbs)} notebooks (cached in _proc/)')
    try: proc = proc_nbs(NBS, n_workers=args.workers, force=args.force)
    except Exception as e: die(f'nbdev could not process a notebook for the docs: {e}\n(nbdev runs exported cells, '
                               'show_doc and every cell with an import: keep imports in cells of their own)')
    nbs_proc = [(p, json.loads((proc/p.name).read_text(encoding='utf-8'))) for p in nbs]
    fm = lambda nb: text(nb['cells'][0]['source']) if nb['cells'] and nb['cells'][0]['cell_type'] == 'raw' else ''
    pages = {p.stem: (re.findall(r'output-file:\s*(\S+)\.html', fm(nb)) or [p.stem])[0] for p, nb in nbs_proc}
    anchors = {pages[p.stem]: {m.lower() for c in nb['cells'] for m in re.findall(r'^show_doc\((.+)\)', text(c['source']), flags=re.M)}
               for p, nb in nbs_proc}      # the entries of each page (`<span id=name>`, as nbdev's links expect)
    site = '/'.join(x for x in (cfg.doc_host.rstrip('/'), cfg.doc_baseurl.strip('/')) if x) + '/'
    link = functools.partial(relink, pages=pages, anchors=anchors, site=site)
    SRC.mkdir(parents=True, exist_ok=True)
    for old in SRC.glob('*.ipynb'):
        if old.stem not in pages.values(): old.unlink()          # a notebook renamed or removed
    if (NBS/'images').is_dir(): shutil.copytree(NBS/'images', SRC/'images', dirs_exist_ok=True)  # pictures in prose
    for p, nb in nbs_proc:
        cells, title = convert(nb, default_exp(p) and f'{cfg.lib_name}.{default_exp(p)}', link)
        if not title: die(f'{p.name}: no title: start the notebook with a markdown cell `# Title` and `> summary`')
        if p.stem == 'index':
            toc = '\n'.join(pages[q.stem] for q in nbs if q.stem != 'index')
            cells.append(md_cell(f'```{{toctree}}\n:hidden:\n:caption: Chapters\n\n{toc}\n```') | {'id': 'toc'})
        meta = {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'},
                'language_info': {'name': 'python'}}
        out = dict(nbformat=4, nbformat_minor=5, metadata=meta, cells=cells)
        write_if_changed(SRC/f'{pages[p.stem]}.ipynb', json.dumps(out, indent=1, ensure_ascii=False))
    log(f'{len(pages)} pages:', ' '.join(pages.values()))
    html = BUILD/'html'          # myst-nb writes next to Sphinx's output folder: build in docs/_build, then copy
    cmd = [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-q', '-b', 'html', '-c', str(ROOT/'docs'),
           '-d', str(BUILD/'doctrees'), str(SRC), str(html)]
    if subprocess.run(cmd).returncode: die(f'sphinx-build failed: warnings are errors, see above (its input: {SRC})')
    out = Path(args.out).resolve()
    shutil.rmtree(out, ignore_errors=True); shutil.copytree(html, out)
    log(f'site written to {out}/index.html in {time.time()-t0:.0f} s')

if __name__ == '__main__': main()
