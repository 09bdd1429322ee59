#!/usr/bin/env python3
"""Build the HTML documentation from the notebooks in one command.

    python tools/build_docs.py            # -> _site/index.html  (about a minute on 2 cores)
    python tools/build_docs.py --force    # ignore the processing cache

Steps (there is no Quarto here, see DESIGN.md):
1. MathJax 3 is installed with npm into docs/_build/npm (once) and copied to docs/_build/mathjax_static/mathjax,
   which Sphinx serves as _static/mathjax: formulas render offline.
2. Every nbs/*.ipynb is processed with nbdev's own notebook processors (the ones `proc_nbs` runs:
   `show_doc` entries for exported names, hidden/exported cells removed, symbol links), in parallel, into _proc/.
3. The processed notebooks are cleaned of Quarto-only syntax (front matter, `#|` directives, `:::` divs and
   callouts, `{...}` attributes, shortcodes), `show_doc` outputs become markdown sections with anchors, and
   the result is written to docs/_build/src/<page>.ipynb (page = nbdev's output file name, e.g. core).
4. `sphinx-build -W` (warnings are errors) renders them with myst-nb + furo into the output folder.
   Notebooks are not executed by Sphinx. The build runs (as nbdev_test does) only the notebooks that draw plots
   and store none (--execute auto; or 'all', 'none', names) so that their figures show; the others show their stored outputs.
"""
import argparse, html, json, os, re, shutil, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, DOCS = ROOT/'nbs', ROOT/'docs'
BUILD = DOCS/'_build'
PROC = ROOT/'_proc'
SRC = BUILD/'src'
MATHJAX_STATIC = BUILD/'mathjax_static'
EXEC_TIMEOUT = int(os.environ.get('SPOOFXAI_DOCS_EXEC_TIMEOUT', 240))  # s per executed notebook

def log(*a): print('[build_docs]', *a, flush=True)

def die(msg):
    print(f'[build_docs] ERROR: {msg}', file=sys.stderr); sys.exit(1)

# ---------------------------------------------------------------- MathJax
def ensure_mathjax(src_dir=None):
    "Make docs/_build/mathjax_static/mathjax hold MathJax 3's es5 bundle (npm `mathjax@3`, or `src_dir`)."
    dest = MATHJAX_STATIC/'mathjax'
    if (dest/'tex-chtml.js').is_file(): return dest
    if src_dir is None:
        npm_dir = BUILD/'npm'
        src_dir = npm_dir/'node_modules'/'mathjax'/'es5'
        if not (src_dir/'tex-chtml.js').is_file():
            if not shutil.which('npm'): die('npm not found: install Node.js/npm, or pass --mathjax DIR (a MathJax 3 es5 folder)')
            npm_dir.mkdir(parents=True, exist_ok=True)
            log('installing mathjax@3 with npm into', npm_dir.relative_to(ROOT))
            r = subprocess.run(['npm', 'install', '--prefix', str(npm_dir), '--no-audit', '--no-fund', '--loglevel=error',
                                'mathjax@3'], capture_output=True, text=True)
            if r.returncode or not (src_dir/'tex-chtml.js').is_file():
                die(f'npm install mathjax@3 failed (rc {r.returncode}):\n{r.stdout}\n{r.stderr}')
    src_dir = Path(src_dir)
    if not (src_dir/'tex-chtml.js').is_file(): die(f'{src_dir}: no tex-chtml.js here; expected a MathJax 3 es5 folder')
    tmp = MATHJAX_STATIC/'.mathjax.tmp'
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src_dir, tmp, ignore=shutil.ignore_patterns('sre', '*.map'))  # speech-rule engine: not needed
    shutil.rmtree(dest, ignore_errors=True); os.replace(tmp, dest)
    return dest

# ---------------------------------------------------------------- nbdev processing
def nb_key(p):
    "Index first, then numbered notebooks by number, then the rest by name."
    m = re.match(r'^(\d+)', p.stem)
    return (0 if p.stem == 'index' else 1 if m else 2, int(m.group(1)) if m else 0, p.stem)

def list_notebooks():
    return sorted([p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.'))], key=nb_key)

def proc_worker(src, dst):
    """Process one notebook as `nbdev.serve.proc_nbs` does, except for cells nbdev runs only because they contain an
    import (test cells mixing imports and code): of those only the top-level imports run, and they keep their stored
    outputs. Exported cells, import cells and `show_doc` calls run as in nbdev, and their errors fail the build."""
    import ast, nbdev.serve_drv, nbdev.processors as P
    orig = P.exec_show_docs.__call__
    def call(self, cell):
        if not getattr(self.nb, 'has_docs_', None) or not hasattr(self, 'k') or not P._do_eval(cell): return orig(self, cell)
        trees = cell.parsed_() or []
        stmts = [n for t in trees for n in (t.body if isinstance(t, ast.Module) else [t])]
        needed = cell.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'} or P._show_docs(trees)
        imps = [n for n in stmts if isinstance(n, (ast.Import, ast.ImportFrom))]
        if needed or len(imps) == len(stmts): return orig(self, cell)
        self.k.run_cell('\n'.join(ast.unparse(n) for n in imps))
        if self.k.exc:
            print(f'[build_docs] warning: {Path(src).name} cell {cell.idx_}: imports failed: {type(self.k.exc).__name__}: '
                  f'{self.k.exc}', file=sys.stderr)
            self.k.exc = None
    P.exec_show_docs.__call__ = call
    import nbdev.showdoc as SD, inspect
    orig_sd = SD.show_doc
    class Fallback:
        "A plain show_doc entry for a symbol whose annotations nbdev cannot evaluate (e.g. a torch DataLoader subclass)."
        def __init__(self, sym, name, level): self.sym, self.nm, self.level = sym, name or getattr(sym, '__qualname__', str(sym)), level
        def _repr_markdown_(self):
            try: sig = str(inspect.signature(self.sym))
            except (ValueError, TypeError): sig = '(...)'
            kind = 'class' if inspect.isclass(self.sym) else 'def'
            doc = (inspect.getdoc(self.sym) or '').split('\n\n')[0].replace('\n', ' ')
            return f"---\n\n{'#'*self.level} {self.nm}\n\n```python\n{kind} {self.nm}{sig}\n```\n\n" + (f'*{doc}*' if doc else '')
    def show_doc(sym, renderer=None, name=None, title_level=3):
        try: return orig_sd(sym, renderer=renderer, name=name, title_level=title_level)
        except Exception as e:
            print(f'[build_docs] warning: {Path(src).name}: show_doc({getattr(sym, "__name__", sym)}) failed '
                  f'({type(e).__name__}: {e}); a plain entry is shown instead', file=sys.__stderr__)
            return Fallback(sym, name, title_level)
    SD.show_doc = show_doc
    nbdev.serve_drv.main((Path(src), Path(dst), P.FilterDefaults))

def exec_worker(src, dst):
    "Run notebook `src` as nbdev_test does (cwd nbs/, `tst_flags` cells skipped) and save it with its outputs to `dst`."
    from execnb.shell import CaptureShell
    from execnb.nbio import read_nb, write_nb
    from nbdev.config import get_config
    flags = set(get_config().get('tst_flags', '').split())
    def skip(cell):
        if cell.cell_type != 'code': return True
        d, _ = directives(cell.source)
        return bool(flags & d.keys()) or str(d.get('eval', '')).lower() == 'false'
    os.environ.setdefault('MPLBACKEND', 'Agg'); os.environ['IN_TEST'] = '1'
    nb = read_nb(src)
    os.chdir(Path(src).resolve().parent)
    k = CaptureShell(Path(src).resolve())
    k.run_all(nb, exc_stop=True, preproc=skip)
    write_nb(nb, dst)

def _exec_one(src):
    "Execute `src` in a fresh interpreter into docs/_build/exec/; the executed copy, or `src` (with a warning) if it fails."
    dst = BUILD/'exec'/src.name
    dst.parent.mkdir(parents=True, exist_ok=True)
    t = time.time()
    try: r = subprocess.run([sys.executable, str(Path(__file__).resolve()), '--exec-one', str(src), str(dst)],
                            capture_output=True, text=True, cwd=ROOT, timeout=EXEC_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f'[build_docs] warning: running {src.name} took over {EXEC_TIMEOUT} s: its page shows no outputs', file=sys.stderr)
        return src
    if r.returncode or not dst.exists():
        tail = [l for l in r.stderr.strip().split('\n') if l.strip()][-3:]
        print(f'[build_docs] warning: running {src.name} failed, its page shows no outputs: {" | ".join(tail)}', file=sys.stderr)
        return src
    log(f'ran {src.name} in {time.time()-t:.0f} s')
    return dst

def _proc_one(src, dst, execute=False):
    "Process one notebook in a fresh interpreter (`proc_worker`), after running it if `execute`: None, or an error."
    if execute: src = _exec_one(src)
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), '--proc-one', str(src), str(dst)],
                       capture_output=True, text=True, cwd=ROOT)
    for l in r.stderr.split('\n'):
        if l.startswith('[build_docs] warning'): print(l, file=sys.stderr)
    if r.returncode == 0 and dst.exists(): return None
    tail = [l for l in r.stderr.strip().split('\n') if l.strip()]
    cause = [l for l in tail if re.match(r'^\w+(Error|Exception)\b', l)]
    return f'{src.name}: ' + ' | '.join(dict.fromkeys(cause[-3:] or tail[-3:]))

def wants_execution(nb_path, spec):
    "Should the build run `nb_path` to show its outputs? spec: 'auto' (notebooks that plot), 'all', 'none' or names."
    if spec == ['all']: return True
    if spec in (['none'], []): return False
    if spec == ['auto']:   # notebooks that draw plots but store none
        nb = json.loads(nb_path.read_text(encoding='utf-8'))
        code = '\n'.join(_src(c['source']) for c in nb['cells'] if c['cell_type'] == 'code')
        stored = any('image/png' in o.get('data', {}) or 'image/svg+xml' in o.get('data', {})
                     for c in nb['cells'] for o in c.get('outputs', []))
        return not stored and bool(re.search(r'plt\.(show|subplots|figure|plot)|\.plot\(|plot_\w+\(', code))
    return nb_path.stem in spec or nb_path.name in spec

def process_notebooks(nbs, force=False, n_workers=2, execute=('auto',)):
    "Run nbdev's docs processors (as `nbdev.serve.proc_nbs` does) on `nbs`, writing _proc/<name>.ipynb; cached by mtime."
    import nbdev.processors
    deps = [ROOT/'settings.ini', Path(nbdev.processors.__file__)]   # (links to other modules may be stale: --force)
    dep_mtime = max(p.stat().st_mtime for p in deps if p.exists())
    PROC.mkdir(exist_ok=True)
    todo = []
    for s in nbs:
        d = PROC/s.name
        if force or not d.exists() or d.stat().st_mtime < max(s.stat().st_mtime, dep_mtime):
            todo.append((s, d, wants_execution(s, list(execute))))
    for s,d,_ in todo: d.unlink(missing_ok=True)
    if todo:
        log(f'processing {len(todo)} notebook(s) with nbdev:', ' '.join(s.stem + ('(run)' if x else '') for s,_,x in todo))
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max(1, n_workers)) as ex: errs = [e for e in ex.map(lambda o: _proc_one(*o), todo) if e]
        for s,d,_ in todo:
            if not d.exists() and not any(e.startswith(s.name) for e in errs): errs.append(f'{s.name}: no output written')
        if errs:
            for s,d,_ in todo: 
                if any(e.startswith(s.name) for e in errs): d.unlink(missing_ok=True)
            die('nbdev could not process these notebooks for the docs (it runs their imports, exported cells and '
                'show_doc; fix the notebook, e.g. import every name used in an annotation):\n  ' + '\n  '.join(errs))
    return [PROC/s.name for s in nbs]

# ---------------------------------------------------------------- cleaning Quarto-isms
_re_ansi = re.compile(r'\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])')
_re_fence = re.compile(r'^\s*(```+|~~~+)')
_re_heading = re.compile(r'^(#{1,6})(\s+.*)$')
_re_div_open = re.compile(r'^\s*(:{3,})\s*(\{[^}]*\}|[\w-]+)\s*$')
_re_div_close = re.compile(r'^\s*:{3,}\s*$')
_re_callout = re.compile(r'\.callout-(note|tip|warning|important|caution)')
_re_title_attr = re.compile(r'title\s*=\s*"([^"]*)"')
_re_link_attrs = re.compile(r'(!?\[[^\]\n]*\]\([^)\n]*\))\{[^}\n]*\}')   # [x](y){.class}  ![](img){width=50%}
_re_span = re.compile(r'(?<![!\]])\[([^\]\n]+)\]\{[^}\n]*\}')            # [text]{.class}
_re_shortcode = re.compile(r'\{\{<.*?>\}\}')
_re_link = re.compile(r'\[((?:`[^`\n]*`|[^\]\n])*)\]\(([^)\s]+)\)')
_re_nbname = re.compile(r'^(?:\./|\.\./nbs/|nbs/)?(\d+[a-z]?_[\w-]+|index)\.(?:ipynb|qmd|html)$')
_re_directive = re.compile(r'^\s*#\s?\|\s*(.*?)\s*$')

class Ctx:
    "What the cleaners need to know: page names by notebook stem, the docs host nbdev writes into links."
    def __init__(self, pages, doc_prefix): self.pages, self.doc_prefix = pages, doc_prefix
    def page_of(self, target):
        "Docs page (e.g. 'core.html#x') for a link `target` into the project's docs or notebooks, else None."
        base, _, anchor = target.partition('#')
        if self.doc_prefix and base.startswith(self.doc_prefix):
            name = base[len(self.doc_prefix):].lstrip('/')
            if name.endswith('.html') and name[:-5] in self.pages.values(): return name + ('#'+anchor if anchor else '')
            return None
        m = _re_nbname.match(base)
        if m and m.group(1) in self.pages: return self.pages[m.group(1)] + '.html' + ('#'+anchor if anchor else '')
        return None

def _inline_html(text):
    "Markdown link text (plain or `code`) as HTML."
    parts = re.split(r'(`[^`\n]*`)', text)
    return ''.join(f'<code>{html.escape(p[1:-1])}</code>' if p.startswith('`') else html.escape(p) for p in parts if p)

def clean_links(line, ctx):
    "Links into the project's docs become raw HTML anchors (MyST cannot resolve `page.html#anchor`)."
    def sub(m):
        text, target = m.group(1), m.group(2)
        if m.start() > 0 and line[m.start()-1] == '!': return m.group(0)   # an image
        page = ctx.page_of(target)
        if page: return f'<a href="{html.escape(page)}">{_inline_html(text)}</a>'
        if target.startswith(('http://', 'https://', 'mailto:', '#')) or '.' not in target.split('/')[-1]: return m.group(0)
        if _re_nbname.match(target.partition('#')[0]): return _inline_html(text)  # a notebook not (yet) in the docs
        return m.group(0)
    return _re_link.sub(sub, line)

def clean_markdown(src, ctx, state):
    "Turn Quarto/nbdev markdown into MyST: callouts -> admonitions, other divs dropped, attributes and shortcodes removed."
    out, fence = [], None
    for line in src.split('\n'):
        m = _re_fence.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)):].strip(): fence = None
            out.append(line); continue
        if m: fence = m.group(1); out.append(line); continue
        if _re_div_close.match(line):
            if state['divs']:
                kind = state['divs'].pop()
                if kind == 'callout': out.append(':::')
                elif kind == 'keep': out.append(line)
            continue
        m = _re_div_open.match(line)
        if m:
            attrs = m.group(2)
            if re.match(r'^\{[a-zA-Z]', attrs):                   # already a MyST directive (:::{note})
                out.append(line); state['divs'].append('keep'); continue
            c = _re_callout.search(attrs)
            if c:
                t = _re_title_attr.search(attrs)
                out.append(f':::{{admonition}} {t.group(1)}\n:class: {c.group(1)}' if t else f':::{{{c.group(1)}}}')
                state['divs'].append('callout')
            else: state['divs'].append('drop')
            continue
        m = _re_heading.match(line)
        if m:
            lvl = len(m.group(1))
            if state['divs'] and state['divs'][-1] == 'callout':   # a heading inside an admonition: bold text
                out.append(f'**{m.group(2).strip()}**'); continue
            lvl = 1 if state['level'] == 0 else max(2, min(lvl, state['level'] + 1))  # one H1 (the title); no skipped levels
            state['level'] = lvl
            line = '#'*lvl + m.group(2)
        line = _re_shortcode.sub('', line)
        line = _re_link_attrs.sub(r'\1', line)
        line = _re_span.sub(r'\1', line)
        line = clean_links(line, ctx)
        out.append(line)
    return '\n'.join(out)

def directives(src):
    "Split leading `#|` directive lines off a code cell: (dict, rest of source)."
    lines, d = src.split('\n'), {}
    while lines and _re_directive.match(lines[0]):
        body = _re_directive.match(lines.pop(0)).group(1)
        k, _, v = body.partition(':')
        d[k.strip()] = v.strip() or True
    return d, '\n'.join(lines)

def _split_comment(line):
    "(code, comment) of one line of Python, using the tokenizer (a '#' inside a string is not a comment)."
    import io, tokenize
    try:
        for tok in tokenize.generate_tokens(io.StringIO(line + '\n').readline):
            if tok.type == tokenize.COMMENT: return line[:tok.start[1]], tok.string[1:].strip()
    except (tokenize.TokenError, IndentationError, SyntaxError): pass
    return line, ''

def _params(code):
    "[(name, annotation, default)] of a parameter-list fragment such as `a:int=1, *b, c=None,`."
    import ast
    code = code.strip().rstrip(',')
    if not code: return []
    fn = ast.parse(f'def _f({code}): pass').body[0].args
    pos = fn.posonlyargs + fn.args
    dflt = [None]*(len(pos) - len(fn.defaults)) + list(fn.defaults)
    out = [(a, d) for a, d in zip(pos, dflt)]
    if fn.vararg: out.append((fn.vararg, None))
    out += list(zip(fn.kwonlyargs, fn.kw_defaults))
    if fn.kwarg: out.append((fn.kwarg, None))
    out.sort(key=lambda x: x[0].col_offset)
    star = {id(fn.vararg): '*', id(fn.kwarg): '**'}
    return [(star.get(id(a), '') + a.arg, ast.unparse(a.annotation) if a.annotation else '', ast.unparse(d) if d is not None else '')
            for a, d in out]

def _unlink(s): return _re_link.sub(lambda m: m.group(1), s)

def signature_table(code):
    "A show_doc signature with docments comments -> (compact signature, markdown table), or None if it has no comments."
    lines = code.strip('\n').split('\n')
    m0 = re.match(r'^(\s*(?:async\s+)?(?:def|class)\s+[\w.]+)\($', lines[0])
    m1 = re.match(r'^\)\s*(?:->\s*(.*?))?:\s*(?:#\s*(.*))?$', lines[-1]) if len(lines) > 1 else None
    if not (m0 and m1): return None
    rows = []
    for line in lines[1:-1]:
        c, comment = _split_comment(line)
        ps = _params(c)
        rows += [(n, a, d, '') for n, a, d in ps[:-1]] + [(ps[-1][0], ps[-1][1], ps[-1][2], comment)] if ps else []
    ret, ret_doc = (m1.group(1) or '').strip(), (m1.group(2) or '').strip()
    if not any(r[3] for r in rows) and not ret_doc: return None
    parts = [n + (f':{a}' if a else '') + (f'={d}' if d else '') for n, a, d, _ in rows]
    tail = ')' + (f'->{ret}' if ret else '') + ':'
    one = f'{m0.group(1)}(' + ', '.join(parts) + tail
    sig = one if len(one) <= 100 else f'{m0.group(1)}(\n' + ''.join(f'    {p},\n' for p in parts) + tail
    esc = lambda x: x.replace('|', '\\|')
    tbl = ['| | **Type** | **Default** | **Details** |', '|---|---|---|---|']
    for n, a, d, doc in rows:
        tbl.append(f'| `{esc(n)}` | ' + (f'`{esc(a)}`' if a else '') + ' | ' + (f'`{esc(d)}`' if d else '') + f' | {esc(doc)} |')
    if ret or ret_doc: tbl.append('| **Returns** | ' + (f'`{esc(ret)}`' if ret else '') + f' | | {esc(ret_doc)} |')
    return sig, '\n'.join(tbl)

def showdoc_markdown(md, ctx, state):
    "A `show_doc` output as a markdown section: source link, anchored heading, signature, docstring, table."
    md = md.strip()
    md = re.sub(r'^---\s*\n', '', md)
    src_link = ''
    m = re.match(r'^\[source\]\(([^)]+)\)(\{[^}]*\})?\s*\n', md)
    if m:
        src_link = f'<a class="sd-source" href="{html.escape(m.group(1))}">[source]</a>\n\n'
        md = md[m.end():].lstrip()
    m = re.match(r'^(#{1,6})\s+(.+)$', md, flags=re.M)
    anchor = ''
    if m:
        name = m.group(2).strip().strip('`')
        anchor = f'<span id="{html.escape(name.lower())}"></span>\n\n'
    m = re.search(r'```python\n(.*?)\n```\n?', md, flags=re.S)
    table = ''
    if m:
        code = _unlink(m.group(1))          # doc links inside a code block would show as raw markdown
        try: st = signature_table(code)
        except SyntaxError: st = None
        if st: code, table = st
        md = md[:m.start()] + f'```python\n{code}\n```\n' + md[m.end():]
    out = clean_markdown(md, ctx, state)
    if table: out += '\n\n' + clean_markdown(table, ctx, dict(state))
    return src_link + anchor + out

def _src(x): return ''.join(x) if isinstance(x, list) else (x or '')

def md_cell(text): return {'cell_type': 'markdown', 'metadata': {}, 'source': text}

def convert(nb_path, ctx, out_dir):
    "Write the cleaned notebook for one processed notebook; returns (page, title)."
    nb = json.loads(nb_path.read_text(encoding='utf-8'))
    cells, state = [], {'level': 1, 'divs': []}
    title, desc, page = None, None, ctx.pages[nb_path.stem]
    for c in nb['cells']:
        src = _src(c.get('source'))
        if c['cell_type'] == 'raw':
            if src.lstrip().startswith('---'):    # Quarto front matter
                import yaml
                try: fm = yaml.safe_load(src.strip().strip('-')) or {}
                except yaml.YAMLError as e: die(f'{nb_path}: bad front matter: {e}')
                title, desc = fm.get('title'), fm.get('description')
            continue                               # other raw cells are Quarto/LaTeX pass-through: not rendered
        if c['cell_type'] == 'markdown':
            if 'WARNING: THIS FILE WAS AUTOGENERATED' in src: continue
            if not src.strip(): continue
            cells.append(md_cell(clean_markdown(src, ctx, state)))
            continue
        d, body = directives(src)
        if d.get('hide') or str(d.get('include', '')).lower() == 'false': continue
        outs = c.get('outputs', [])
        for o in outs:
            if o.get('name') in ('stdout', 'stderr'): o['text'] = _re_ansi.sub('', _src(o.get('text')))
        if re.match(r'^\s*show_doc\(', body):
            for o in outs:
                md = _src(o.get('data', {}).get('text/markdown'))
                if md.strip(): cells.append(md_cell(showdoc_markdown(md, ctx, state)))
            continue
        if str(d.get('output', '')).lower() == 'false': outs = []
        for o in outs:
            data = o.get('data', {})
            if 'text/markdown' in data:
                data['text/markdown'] = clean_markdown(_src(data['text/markdown']), ctx, {'level': 6, 'divs': []})
            o.pop('execution_count', None) if o.get('output_type') != 'execute_result' else None
        hide_input = str(d.get('echo', '')).lower() == 'false'
        if not body.strip() and not outs: continue
        if hide_input and not outs: continue
        meta = {'tags': ['remove-input']} if hide_input else {}
        cells.append({'cell_type': 'code', 'metadata': meta, 'source': body.strip('\n'), 'outputs': outs,
                      'execution_count': None})
    title = title or nb_path.stem
    head = f'# {title}' + (f'\n\n> {desc}' if desc else '')
    cells.insert(0, md_cell(clean_markdown(head, ctx, {'level': 0, 'divs': []})))
    for c in cells:
        if c['cell_type'] == 'code':
            for o in c['outputs']:
                if o.get('output_type') == 'execute_result': o['execution_count'] = None
    nb['cells'] = cells
    nb['metadata'] = {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'},
                      'language_info': {'name': 'python'}}
    nb.setdefault('nbformat', 4); nb['nbformat_minor'] = max(nb.get('nbformat_minor', 5), 5)
    for i, c in enumerate(nb['cells']): c['id'] = f'c{i}'
    (out_dir/f'{page}.ipynb').write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding='utf-8')
    return page, title

def page_name(stem):
    "nbdev's page name for a notebook: the name without its number prefix (00_core -> core)."
    from nbdev.doclinks import _nbpath2html
    return _nbpath2html(Path(stem + '.ipynb')).stem

def doc_prefix():
    from nbdev.config import get_config
    cfg = get_config()
    host, base = cfg.get('doc_host', ''), cfg.get('doc_baseurl', '')
    return (host.rstrip('/') + '/' + base.strip('/')).rstrip('/') + '/' if host else ''

def assemble(procs, stems):
    "Write docs/_build/src: cleaned notebooks, images, and a toctree on the index page."
    pages = {s: page_name(s) for s in stems}
    dup = [p for p in set(pages.values()) if list(pages.values()).count(p) > 1]
    if dup: die(f'two notebooks map to the same docs page {dup}: rename one')
    ctx = Ctx(pages, doc_prefix())
    shutil.rmtree(SRC, ignore_errors=True); SRC.mkdir(parents=True)
    for sub in ('images',):
        if (NBS/sub).is_dir(): shutil.copytree(NBS/sub, SRC/sub)
    order = []
    for p in procs: order.append(convert(p, ctx, SRC))
    if 'index' not in pages: die('nbs/index.ipynb is missing (it is the home page and the README)')
    index = SRC/'index.ipynb'
    nb = json.loads(index.read_text(encoding='utf-8'))
    chapters = '\n'.join(pg for pg, _ in order if pg != 'index')
    nb['cells'].append(md_cell(f'```{{toctree}}\n:hidden:\n:maxdepth: 1\n:caption: Chapters\n\n{chapters}\n```'))
    nb['cells'][-1]['id'] = 'toctree'
    index.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding='utf-8')
    return order

# ---------------------------------------------------------------- main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=str(ROOT/'_site'), help='output folder for the HTML site (default: _site)')
    ap.add_argument('--force', action='store_true', help='reprocess every notebook (ignore the _proc cache)')
    ap.add_argument('--mathjax', default=None, help='a MathJax 3 es5 folder to use instead of `npm install mathjax@3`')
    ap.add_argument('--workers', type=int, default=2, help='parallel nbdev processing workers')
    ap.add_argument('--exclude', nargs='*', default=[], metavar='NB', help='notebooks to leave out (e.g. 05_dataset)')
    ap.add_argument('--execute', nargs='*', default=['auto'], metavar='NB',
                    help="notebooks to run so that their outputs (plots) show: 'auto' (default: those that plot and store no plot), "
                         "'all', 'none', or names; the others show the outputs stored in them")
    ap.add_argument('--proc-one', nargs=2, metavar=('SRC', 'DST'), help=argparse.SUPPRESS)  # internal: one worker
    ap.add_argument('--exec-one', nargs=2, metavar=('SRC', 'DST'), help=argparse.SUPPRESS)  # internal: one worker
    args = ap.parse_args(argv)
    if args.proc_one: return proc_worker(*args.proc_one)
    if args.exec_one: return exec_worker(*args.exec_one)
    t0 = time.time()
    os.chdir(ROOT)
    ensure_mathjax(args.mathjax)
    nbs = [p for p in list_notebooks() if p.stem not in args.exclude and p.name not in args.exclude]
    if not nbs: die(f'no notebooks in {NBS}')
    procs = process_notebooks(nbs, force=args.force, n_workers=args.workers, execute=args.execute or ['none'])
    order = assemble(procs, [p.stem for p in nbs])
    log(f'{len(order)} pages:', ', '.join(pg for pg, _ in order))
    out, html_dir = Path(args.out).resolve(), BUILD/'html'   # myst-nb writes next to Sphinx's outdir: keep it in _build
    cmd = [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-q', '-b', 'html', '-c', str(DOCS),
           '-d', str(BUILD/'doctrees'), str(SRC), str(html_dir)]
    r = subprocess.run(cmd)
    if r.returncode: die(f'sphinx-build failed (rc {r.returncode}); warnings are errors, see above. '
                         f'The cleaned notebooks it read are in {SRC.relative_to(ROOT)}/')
    if out != html_dir.resolve():
        shutil.rmtree(out, ignore_errors=True); shutil.copytree(html_dir, out)
    log(f'site written to {out}/index.html in {time.time()-t0:.0f} s')

if __name__ == '__main__': main()
