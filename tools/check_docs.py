#!/usr/bin/env python3
"""Check the built docs in a real browser (headless Chromium): exits non-zero, saying why, if a page looks wrong.

    python tools/check_docs.py                      # checks _site/index.html and _site/core.html
    python tools/check_docs.py --site _site --pages index.html core.html audio.html

Needs Chromium (Debian: `apt-get update && apt-get install -y chromium`). The site is served over HTTP from a
local port; each page is loaded with its scripts run to completion (--virtual-time-budget), its DOM dumped
(--dump-dom) and a screenshot saved in docs/_build/check/. A page fails if
- it is blank (little visible text, no title heading);
- its visible text shows raw Quarto/markdown syntax: `:::`, `#|`, `$$`, `](`, `**bold**`, `{.class}`, `{{< >}}`,
  front matter, `show_doc(`, or unrendered `$...$` math;
- it has formulas (Sphinx `.math` elements) that MathJax did not render (no `mjx-container`), or TeX errors;
- (API pages, e.g. core.html) it lacks the signature (`def name(` / `class name`) of an exported name of its module;
- (the --math-page, default index.html) it has no rendered formula at all.
"""
import argparse, functools, html, importlib, os, re, shutil, subprocess, sys, tempfile, threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--run-all-compositor-stages-before-draw']
RAW_PATTERNS = [(r':::', 'a Quarto/MyST fence `:::`'), (r'#\|', 'an nbdev directive `#|`'), (r'\$\$', 'unrendered `$$` math'),
                (r'\]\(', 'markdown link syntax `](`'), (r'\*\*[^*\s][^*]{0,200}?\*\*', 'markdown bold `**...**`'),
                (r'\{\.[A-Za-z][\w-]*', 'a Quarto attribute `{.class}`'), (r'\{\{<', 'a Quarto shortcode `{{<`'),
                (r'^\s*(?:output-file|title|description):', 'front matter'),
                (r'\$[^$\n]{0,80}[\\^_][^$\n]{0,80}\$', 'unrendered `$...$` math'),
                (r'(?<![\w.])#{2,6} \w', 'a markdown heading `## `')]

class DomScan(HTMLParser):
    "Collects visible prose (outside code, scripts, math), <pre> texts, math elements and MathJax output."
    SKIP = {'script', 'style', 'noscript', 'template', 'svg'}
    VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.prose, self.code_text, self.pres = [], [], [], []
        self.mjx = self.merror = 0
        self.math = []          # one entry per .math element: has it an mjx-container?
        self.h1 = []
    def handle_starttag(self, tag, attrs):
        if tag in self.VOID: return
        cls = (dict(attrs).get('class') or '').split()
        self.stack.append((tag, cls))
        if tag == 'mjx-container': self.mjx += 1; self._mark_math()
        if tag == 'mjx-merror': self.merror += 1
        if 'math' in cls and tag in ('span', 'div'): self.math.append(False)
        if tag == 'pre': self.pres.append('')
    def _mark_math(self):
        if self.math and any('math' in c for t, c in self.stack[:-1] if t in ('span', 'div')): self.math[-1] = True
    def handle_endtag(self, tag):
        if tag in self.VOID: return
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag: break
    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if self.SKIP.intersection(tags): return
        if 'pre' in tags and self.pres: self.pres[-1] += data
        if 'h1' in tags: self.h1.append(data)
        if any(t.startswith('mjx-') for t in tags): return
        if any('math' in c for t, c in self.stack): return     # TeX source before MathJax ran: judged by self.math
        if {'pre', 'code', 'kbd', 'samp', 'textarea'}.intersection(tags) or any('highlight' in ' '.join(c) for _, c in self.stack):
            self.code_text.append(data)
        else: self.prose.append(data)

def serve(site):
    "Serve `site` on a free local port; returns (server, base url)."
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(site))
    srv = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'):
        if shutil.which(name): return shutil.which(name)
    sys.exit('[check_docs] FAIL: Chromium not found. Install it (Debian: apt-get update && apt-get install -y chromium)')

def browse(exe, url, shot, budget_ms=20000, timeout=120):
    "The DOM of `url` after its scripts ran, and a screenshot of it saved to `shot`."
    outs = []
    for extra in (['--dump-dom'], [f'--screenshot={shot}', '--window-size=1280,2000']):
        with tempfile.TemporaryDirectory(prefix='chromium-') as prof:
            cmd = [exe, *FLAGS, f'--user-data-dir={prof}', f'--virtual-time-budget={budget_ms}', *extra, url]
            try: r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired: return None, f'Chromium timed out after {timeout} s on {url}'
            if r.returncode: return None, f'Chromium failed (rc {r.returncode}) on {url}: {r.stderr[-2000:]}'
            outs.append(r.stdout)
    return outs[0], None

def module_names(page):
    "Exported functions and classes of the module documented on `page` (core.html -> spoofxai.core); None if no such module."
    stem = Path(page).stem
    if not (ROOT/'spoofxai'/f'{stem}.py').is_file(): return None
    try: mod = importlib.import_module(f'spoofxai.{stem}')
    except Exception as e:
        print(f'[check_docs] note: cannot import spoofxai.{stem} ({type(e).__name__}: {e}); checking only that {page} has signatures')
        return []
    return [n for n in getattr(mod, '__all__', []) if not n.startswith('_') and callable(getattr(mod, n, None))]

def check_page(dom, page, need_math, api_names):
    "A list of problems with the page's DOM."
    probs = []
    s = DomScan(); s.feed(dom)
    prose = re.sub(r'[ \t]+', ' ', ''.join(s.prose))
    words = len(prose.split())
    if words < 30 or not ''.join(s.h1).strip(): probs.append(f'blank page: {words} words of text, title {"".join(s.h1).strip()!r}')
    for pat, what in RAW_PATTERNS:
        for m in re.finditer(pat, prose, flags=re.M):
            ctx = prose[max(0, m.start()-60):m.end()+60].replace('\n', ' ')
            probs.append(f'raw syntax, {what}: ...{ctx}...'); break
    if 'show_doc(' in prose + ''.join(s.code_text): probs.append('raw `show_doc(` call shown instead of its output')
    if s.math and not all(s.math):
        probs.append(f'{s.math.count(False)} of {len(s.math)} formulas not rendered by MathJax (no mjx-container)')
    if s.merror: probs.append(f'{s.merror} MathJax TeX error(s) (mjx-merror)')
    if need_math and s.mjx == 0: probs.append('no formula rendered by MathJax (expected some on this page)')
    if api_names is not None:
        sigs = [p for p in s.pres if re.match(r'\s*(async\s+)?(def|class)\s+\w', p)]
        if not sigs: probs.append('no API signatures (`def name(` / `class name` blocks from show_doc)')
        missing = [n for n in api_names if not any(re.match(rf'\s*(async\s+)?(def|class)\s+{re.escape(n)}\b', p) for p in s.pres)]
        if missing: probs.append(f'exported names without a signature on the page: {missing}')
    return probs, dict(words=words, formulas=len(s.math), mathjax=s.mjx, signatures=len([p for p in s.pres if re.match(r'\s*(def|class)\s', p)]))

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--site', default=str(ROOT/'_site'), help='the built site (default _site)')
    ap.add_argument('--pages', nargs='+', default=['index.html', 'core.html'], help='pages to check')
    ap.add_argument('--math-page', default='index.html', help='a page that must show rendered formulas')
    ap.add_argument('--shots', default=str(ROOT/'docs'/'_build'/'check'), help='where to save the screenshots')
    args = ap.parse_args(argv)
    site, shots = Path(args.site), Path(args.shots)
    if not (site/'index.html').is_file(): sys.exit(f'[check_docs] FAIL: {site}/index.html not found: run python tools/build_docs.py first')
    shots.mkdir(parents=True, exist_ok=True)
    exe = chromium()
    srv, base = serve(site)
    failed = False
    try:
        for page in args.pages:
            if not (site/page).is_file(): print(f'[check_docs] FAIL {page}: not in {site}'); failed = True; continue
            shot = shots/(Path(page).stem + '.png')
            dom, err = browse(exe, base + page, shot)
            if err: print(f'[check_docs] FAIL {page}: {err}'); failed = True; continue
            api = module_names(page)
            probs, stats = check_page(dom, page, page == args.math_page, api)
            st = ', '.join(f'{k} {v}' for k, v in stats.items())
            if probs:
                failed = True
                print(f'[check_docs] FAIL {page} ({st}):'); [print('   -', p) for p in probs]
            else: print(f'[check_docs] ok   {page} ({st}); screenshot {shot}')
    finally: srv.shutdown()
    if failed: sys.exit(1)

if __name__ == '__main__': main()
