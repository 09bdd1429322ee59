#!/usr/bin/env python3
"""Check every page of the built docs in a real browser (headless Chromium); exit 1, saying why, if one looks wrong.

    python tools/check_docs.py                  # checks every page of _site/ against the notebooks in nbs/
    python tools/check_docs.py --shots DIR      # also saves a screenshot of each page into DIR

Needs Chromium (Debian: `apt-get install -y chromium`). The site is served from a local port and opened once in
Chromium: a small check page loads every page in turn in a frame, waits for MathJax, and reports what the reader
sees. A page fails if
- it is blank (little text, no title) or a notebook has no page;
- its text shows raw Quarto/markdown (`:::`, `#|`, `](`, `**bold**`, `{.class}`, `{{<`, `## `, front matter,
  `show_doc(`) or unrendered math (`$...$`, a formula MathJax did not render, a TeX error);
- an exported function or class of its notebook has no signature (`def name(` / `class name`) on it;
- fewer images loaded (naturalWidth > 0) in its cell outputs than the notebook stores figures, or any image on it
  is broken;
- it links to a page or an anchor of the site that does not exist.
"""
import argparse, ast, functools, html, json, re, shutil, subprocess, sys, tempfile, threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--hide-scrollbars']
RAW = [(r':::', 'a fence `:::`'), (r'#\|', 'an nbdev directive `#|`'), (r'\$\$', 'unrendered `$$` math'),
       (r'\]\(', 'markdown link syntax `](`'), (r'\*\*[^*\s][^*]{0,200}?\*\*', 'markdown bold `**...**`'),
       (r'\{\.[A-Za-z][\w-]*', 'a Quarto attribute `{.class}`'), (r'\{\{<', 'a Quarto shortcode `{{<`'),
       (r'^\s*(?:output-file|title|description):', 'front matter'), (r'show_doc\(', 'a raw `show_doc(` call'),
       (r'\$[^$\n]{0,80}[\\^_][^$\n]{0,80}\$', 'unrendered `$...$` math'), (r'(?<![\w.])#{2,6} \w', 'a markdown heading `## `')]
CHECKER = """<!doctype html><html><body><pre id="report">{}</pre><iframe id="f" style="width:1280px;height:2000px"></iframe>
<script>
const pages = PAGES, out = {}, rep = document.getElementById('report'), frame = document.getElementById('f');
const sleep = ms => new Promise(r => setTimeout(r, ms));
const load = url => new Promise(r => { frame.onload = r; frame.src = url; });
(async () => {
  for (const p of pages) {
    await load(p);
    const w = frame.contentWindow, d = frame.contentDocument;
    if (w.MathJax && w.MathJax.startup) { try { await w.MathJax.startup.promise; } catch (e) {} }
    for (let i = 0; i < 100 && [...d.images].some(im => !im.complete); i++) await sleep(100);
    const main = d.querySelector('article') || d.body, prose = [];
    const tw = d.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    while (tw.nextNode()) {
      const e = tw.currentNode.parentElement;
      if (!e.closest('pre, code, script, style, svg, mjx-container, .math, .highlight, .headerlink')) prose.push(tw.currentNode.data);
    }
    out[p] = {h1: [...main.querySelectorAll('h1')].map(h => h.textContent).join(' '), prose: prose.join(''),
      pres: [...main.querySelectorAll('pre')].map(e => e.textContent),
      math: main.querySelectorAll('.math').length, math_ok: main.querySelectorAll('.math mjx-container').length,
      merror: main.querySelectorAll('mjx-merror').length,
      imgs: [...main.querySelectorAll('img')].map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0,
                                                         output: !!i.closest('.cell_output, .output')})),
      links: [...main.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !/^[a-z]+:|^#$/.test(h)),
      ids: [...d.querySelectorAll('[id]')].map(e => e.id)};
    rep.textContent = JSON.stringify(out);
  }
  rep.textContent = JSON.stringify({done: true, pages: out});
})();
</script></body></html>"""

def text(x): return ''.join(x) if isinstance(x, list) else x or ''

def notebook_facts(nb_path):
    "(page, stored figures the page must show, exported function/class names) of a notebook, as nbdev sees it."
    page = re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb_path.stem.lower()) + '.html'    # nbdev's rule: 00_core -> core.html
    figs, names = 0, []
    for c in json.loads(nb_path.read_text(encoding='utf-8'))['cells']:
        if c['cell_type'] != 'code': continue
        src = text(c['source'])
        d = dict(re.findall(r'^#\|\s*([\w-]+):?\s*(.*?)\s*$', src, flags=re.M))
        if d.keys() & {'export', 'exports'}:
            try: tree = ast.parse('\n'.join(l for l in src.split('\n') if not l.lstrip().startswith(('%', '!'))))
            except SyntaxError: tree = ast.Module(body=[])
            names += [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and not n.name.startswith('_') and not any('patch' in ast.unparse(x) for x in n.decorator_list)]
        if d.keys() & {'hide', 'export', 'exporti', 'exports'} or 'false' in (d.get('include'), d.get('output')): continue
        figs += sum(any(k.startswith('image/') for k in o.get('data', {})) for o in c.get('outputs', []))
    return page, figs, names

def check_page(page, r, figs, names, site, reports):
    "Problems a reader would see on `page`, from its browser report `r`."
    probs, prose = [], re.sub(r'[ \t]+', ' ', r['prose'])
    if len(prose.split()) < 30 or not r['h1'].strip(): probs.append(f'blank page: {len(prose.split())} words, title {r["h1"].strip()!r}')
    for pat, what in RAW:
        if (m := re.search(pat, prose, flags=re.M)):
            probs.append(f"raw syntax, {what}: ...{prose[max(0, m.start()-60):m.end()+60]!r}...")
    if r['math'] > r['math_ok']: probs.append(f"{r['math'] - r['math_ok']} of {r['math']} formulas not rendered by MathJax")
    if r['merror']: probs.append(f"{r['merror']} MathJax TeX error(s)")
    sig = lambda n: any(re.match(rf'\s*(async\s+)?(def|class)\s+{re.escape(n)}\b', p) for p in r['pres'])
    if (missing := [n for n in names if not sig(n)]): probs.append(f'exported names without a signature: {missing}')
    shown = sum(i['ok'] and i['output'] for i in r['imgs'])
    if shown < figs: probs.append(f'{figs} figures stored in the notebook, {shown} shown')
    if (broken := [i['src'] for i in r['imgs'] if not i['ok']]): probs.append(f'broken images: {broken}')
    for h in r['links']:
        target, _, anchor = h.partition('#')
        target = target or page
        if not (site/target).is_file(): probs.append(f'link to a missing page: {h}')
        elif anchor and target in reports and anchor not in reports[target]['ids']: probs.append(f'link to a missing anchor: {h}')
    return probs

def serve(site):
    "Serve `site` (and the check page at /__check__.html) on a free local port: (server, base url)."
    class Handler(SimpleHTTPRequestHandler):
        page = b''
        def log_message(self, *a): pass
        def do_GET(self):
            if self.path != '/__check__.html': return super().do_GET()
            self.send_response(200); self.send_header('Content-Type', 'text/html'); self.end_headers()
            self.wfile.write(self.page)
    class Server(ThreadingHTTPServer):
        def handle_error(self, *a): pass                  # Chromium closing a connection early
    srv = Server(('127.0.0.1', 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, Handler, f'http://127.0.0.1:{srv.server_address[1]}/'

def chromium(*args, timeout):
    "Run headless Chromium with a fresh profile: its stdout, or exit with the reason."
    exe = next((shutil.which(n) for n in ('chromium', 'chromium-browser', 'google-chrome') if shutil.which(n)), None)
    if not exe: sys.exit('[check_docs] FAIL: Chromium not found (Debian: apt-get update && apt-get install -y chromium)')
    with tempfile.TemporaryDirectory(prefix='chromium-') as prof:
        try: r = subprocess.run([exe, *FLAGS, f'--user-data-dir={prof}', *args], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired: sys.exit(f'[check_docs] FAIL: Chromium did not finish in {timeout} s')
    if r.returncode: sys.exit(f'[check_docs] FAIL: Chromium failed (rc {r.returncode}): {r.stderr[-2000:]}')
    return r.stdout

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--site', default=str(ROOT/'_site'), help='the built site (default _site)')
    ap.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks the site was built from')
    ap.add_argument('--shots', default=None, help='save a screenshot of every page into this folder')
    args = ap.parse_args(argv)
    site = Path(args.site)
    if not (site/'index.html').is_file(): sys.exit(f'[check_docs] FAIL: no {site}/index.html: run python tools/build_docs.py')
    nbs = [nb for nb in sorted(Path(args.nbs).glob('*.ipynb')) if not nb.name.startswith(('_', '.'))]
    facts = {page: (figs, names) for page, figs, names in map(notebook_facts, nbs)}
    pages = sorted(p.name for p in site.glob('*.html') if p.name not in ('genindex.html', 'search.html'))
    srv, handler, base = serve(site)
    try:
        handler.page = CHECKER.replace('PAGES', json.dumps(pages)).encode()
        dom = chromium('--virtual-time-budget=600000', '--dump-dom', base + '__check__.html', timeout=60 + 15*len(pages))
        for p in pages if args.shots else []:
            Path(args.shots).mkdir(parents=True, exist_ok=True)
            chromium('--window-size=1280,2000', f'--screenshot={Path(args.shots).resolve()/p[:-5]}.png', base + p, timeout=120)
    finally: srv.shutdown()
    m = re.search(r'<pre id="report">(.*?)</pre>', dom, flags=re.S)
    rep = json.loads(html.unescape(m[1])) if m and m[1].strip() not in ('', '{}') else {}
    if not rep.get('done'): sys.exit(f'[check_docs] FAIL: the browser did not finish; it reported {sorted(rep)}')
    reports, failed = rep['pages'], [f'{p}: the notebook has no page' for p in facts if p not in pages]
    for p in pages:
        figs, names = facts.get(p, (0, []))
        probs = check_page(p, reports[p], figs, names, site, reports)
        r = reports[p]
        sigs = sum(bool(re.match(r'\s*(async\s+)?(def|class)\s', x)) for x in r['pres'])
        print(f"[check_docs] {'FAIL' if probs else 'ok  '} {p}: {len(r['prose'].split())} words, {r['math_ok']} formulas, "
              f"{sigs} signatures, {sum(i['ok'] and i['output'] for i in r['imgs'])}/{figs} figures")
        failed += [f'{p}: {x}' for x in probs]
    for f in failed: print('   -', f)
    print(f'[check_docs] {len(pages)} pages checked, {len(failed)} problems')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
