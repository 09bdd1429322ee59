#!/usr/bin/env python3
"""Run a chapter as a student does, in JupyterLab: start a real server, list the notebooks, run one through a kernel.

    python tools/check_jupyterlab.py                          # nbs/00_core.ipynb
    python tools/check_jupyterlab.py nbs/18_tutorial_detection.ipynb nbs/19_tutorial_gradcam.ipynb --timeout 900

Starts `jupyter lab` on 127.0.0.1 (a free port, a random token, fresh config and runtime folders), checks that the
JupyterLab page is served, lists the notebooks through the contents API, opens a session for each notebook (its
kernel runs in the notebook's folder, as in JupyterLab) and sends every code cell to the kernel over the
server's websocket, skipping the cells nbdev_test skips (`tst_flags` in settings.ini, `#| eval: false`).
It fails if a cell raises, or (with --no-warnings) if a cell prints a warning to stderr; then it shuts the
kernel and the server down. Exit status 0 or 1, and one line of result.
"""
import argparse, json, os, re, secrets, signal, socket, subprocess, sys, tempfile, time, uuid
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

class Lab:
    "A JupyterLab server started for the check, and the REST calls the check makes."
    def __init__(self, root, log):
        self.port, self.token, self.tmp = free_port(), secrets.token_hex(16), tempfile.mkdtemp(prefix='jlab-')
        env = dict(os.environ, JUPYTER_CONFIG_DIR=f'{self.tmp}/config', JUPYTER_RUNTIME_DIR=f'{self.tmp}/runtime',
                   PYTHONPATH=os.pathsep.join([str(root), *filter(None, [os.environ.get('PYTHONPATH')])]))  # this checkout's package
        self.proc = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', '--ip=127.0.0.1', f'--port={self.port}',
                                      '--ServerApp.port_retries=0', '--allow-root', f'--IdentityProvider.token={self.token}',
                                      f'--ServerApp.root_dir={root}'], stdout=log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)   # its own process group: the server and its kernels
        self.base = f'http://127.0.0.1:{self.port}'

    def api(self, method, path, body=None, raw=False):
        req = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={'Authorization': f'token {self.token}', 'Content-Type': 'application/json'})
        with urllib.request.urlopen(req, timeout=30) as r: data = r.read()
        return data.decode() if raw else json.loads(data or b'null')

    def wait(self, deadline):
        "Wait until the server answers."
        while time.time() < deadline:
            if self.proc.poll() is not None: raise RuntimeError(f'the server exited with status {self.proc.returncode}')
            try: return self.api('GET', '/api/status')
            except OSError: time.sleep(0.5)
        raise TimeoutError('the server did not answer')

    def stop(self):
        "Shut the server down through its API; terminate it if it does not stop."
        try: self.api('POST', '/api/shutdown')
        except OSError: pass
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig: os.killpg(self.proc.pid, sig)
            try: return self.proc.wait(15)
            except subprocess.TimeoutExpired: pass

def directives(src): return dict(re.findall(r'^#\|\s*([\w-]+):?\s*(.*?)\s*$', src, flags=re.M))

def run_cell(ws, session, code, timeout):
    "Execute `code` on the kernel behind websocket `ws`: (error or None, stderr text)."
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({'header': {'msg_id': msg_id, 'username': 'check', 'session': session, 'msg_type': 'execute_request',
                                   'version': '5.3', 'date': ''}, 'parent_header': {}, 'metadata': {}, 'channel': 'shell',
                        'content': {'code': code, 'silent': False, 'store_history': True, 'user_expressions': {},
                                    'allow_stdin': False, 'stop_on_error': True}, 'buffers': []}))
    err, stderr, idle, replied, end = None, '', False, False, time.time() + timeout
    while not (idle and replied):
        ws.settimeout(max(1, end - time.time()))
        m = json.loads(ws.recv())
        if m.get('parent_header', {}).get('msg_id') != msg_id: continue
        t, c = m['header']['msg_type'], m['content']
        if t == 'error':
            err = f"{c['ename']}: {c['evalue']}"
            print(re.sub(r'\x1b\[[0-9;]*m', '', '\n'.join(c['traceback'])), file=sys.stderr)   # the student's traceback
        elif t == 'stream' and c['name'] == 'stderr': stderr += c['text']
        elif t == 'status' and c['execution_state'] == 'idle': idle = True
        elif t == 'execute_reply': replied = True; err = err or (c['status'] != 'ok' and f"{c.get('ename')}: {c.get('evalue')}")
    return err or None, stderr

def run_notebook(lab, rel, args, deadline, flags):
    "Run the code cells of notebook `rel` in a new session, as JupyterLab does: (cells run, warnings printed)."
    from websocket import create_connection
    nb = lab.api('GET', f'/api/contents/{rel}?content=1')['content']
    sess = lab.api('POST', '/api/sessions', {'path': rel, 'type': 'notebook', 'name': Path(rel).name, 'kernel': {'name': args.kernel}})
    ws = create_connection(f"ws://127.0.0.1:{lab.port}/api/kernels/{sess['kernel']['id']}/channels?session_id={sess['id']}",
                           header=[f'Authorization: token {lab.token}'], timeout=60)
    ran, warned = 0, []
    try:
        for i, c in enumerate(nb['cells']):
            d = directives(c['source'])
            if c['cell_type'] != 'code' or flags & d.keys() or d.get('eval') == 'false' or not c['source'].strip(): continue
            if deadline < time.time(): raise TimeoutError(f'{rel}: over {args.timeout:.0f} s, stopped before cell {i}')
            err, stderr = run_cell(ws, sess['id'], c['source'], deadline - time.time())
            ran += 1
            if err: raise RuntimeError(f'{rel} cell {i} raised {err}')
            warned += [f'{rel} cell {i}: {l.strip()[:200]}' for l in stderr.splitlines() if re.search(r'Warning\b|WARNING', l)]
            if args.show_stderr and stderr.strip(): print(f'[check_jupyterlab] {rel} cell {i} stderr:\n{stderr.rstrip()}', file=sys.stderr)
    finally:
        ws.close()
        lab.api('DELETE', f"/api/sessions/{sess['id']}")
    return ran, warned

def check(lab, nb_paths, args, t0):
    "Run the check against a started server; the one-line result (raises on failure)."
    lab.wait(t0 + 90)
    version = re.search(r'"appVersion":\s*"([^"]+)"', lab.api('GET', '/lab', raw=True))
    if not version: raise RuntimeError('/lab does not serve the JupyterLab page')
    from nbdev.config import get_config
    flags = set(get_config(path=ROOT).get('tst_flags', '').split())
    listed, ran, warned = set(), 0, []
    for p in nb_paths:
        rel = p.relative_to(ROOT).as_posix()
        listing = lab.api('GET', f'/api/contents/{p.parent.relative_to(ROOT).as_posix()}')['content']
        listed |= {c['path'] for c in listing if c['type'] == 'notebook'}
        if rel not in listed: raise RuntimeError(f'{rel} is not listed by the contents API')
        t = time.time()
        n, w = run_notebook(lab, rel, args, t0 + args.timeout, flags)
        print(f'[check_jupyterlab] {rel}: {n} cells in {time.time() - t:.0f} s, {len(w)} warnings', file=sys.stderr, flush=True)
        ran += n; warned += w
    for w in warned: print(f'[check_jupyterlab] warning shown to the student: {w}', file=sys.stderr)
    if warned and args.no_warnings: raise RuntimeError(f'{len(warned)} warnings printed (see above)')
    names = ', '.join(p.name for p in nb_paths)
    return (f'JupyterLab {version[1]} on 127.0.0.1:{lab.port} listed {len(listed)} notebooks; ran {names}: {ran} cells through '
            f'kernel {args.kernel} in {time.time() - t0:.0f} s, 0 errors, {len(warned)} warnings')

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='*', default=['nbs/00_core.ipynb'], help='the chapters to run (default nbs/00_core.ipynb)')
    ap.add_argument('--timeout', type=float, default=480, help='seconds for the whole check, server start included')
    ap.add_argument('--kernel', default='python3', help='kernel name')
    ap.add_argument('--no-warnings', action='store_true', help='also fail if a cell prints a warning to stderr')
    ap.add_argument('--show-stderr', action='store_true', help='print everything the cells write to stderr')
    args, t0 = ap.parse_args(argv), time.time()
    signal.signal(signal.SIGTERM, lambda *a: sys.exit('[check_jupyterlab] FAIL: terminated'))   # still stop the server
    nb_paths = [(ROOT/n).resolve() for n in args.notebooks]
    if (missing := [n for n, p in zip(args.notebooks, nb_paths) if not p.is_file()]): sys.exit(f'[check_jupyterlab] FAIL: not found: {missing}')
    with tempfile.NamedTemporaryFile('w+', prefix='jupyterlab-', suffix='.log', delete=False) as log:
        lab = Lab(ROOT, log)
        try: line, ok = check(lab, nb_paths, args, t0), True
        except Exception as e: line, ok = f'{type(e).__name__}: {e} (server log: {log.name})', False
        finally: lab.stop()
    print(f"[check_jupyterlab] {'ok' if ok else 'FAIL'}: {line}")
    if ok: os.unlink(log.name)
    sys.exit(0 if ok else 1)

if __name__ == '__main__': main()
