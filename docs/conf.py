# Sphinx configuration of the docs site. Build with `python tools/build_docs.py` (see docs/README.md): it writes
# the MyST notebooks Sphinx reads to docs/_build/src and runs sphinx-build with this file (-c docs).
import configparser
from pathlib import Path

_here = Path(__file__).resolve().parent
_cfg = configparser.ConfigParser(); _cfg.read(_here.parent/'settings.ini')
_s = _cfg['DEFAULT']
project, author, copyright = _s['title'], _s['author'], _s['copyright']
release = version = _s['version']

extensions = ['myst_nb', 'sphinx.ext.mathjax']
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'html_image']
myst_dmath_double_inline = True       # `$$...$$` inside a paragraph is display math, as in Jupyter
myst_all_links_external = True        # links are to pages of the site (core.html#read_table), as nbdev writes them
suppress_warnings = ['myst.header']   # an API entry (###) may follow the title (#) directly
nb_execution_mode = 'off'             # pages show the outputs stored in the notebooks; running them is nbdev_test's job
nb_render_markdown_format = 'myst'    # markdown outputs (tables, math) render like markdown cells
nb_merge_streams = True
exclude_patterns = ['**.ipynb_checkpoints']

html_theme = 'furo'
html_title = f'{project} {release}'
html_css_files = ['custom.css']
html_show_sourcelink = False
html_theme_options = {'navigation_with_keys': True}
# MathJax 3 from npm (tools/build_docs.py installs it into docs/_build/npm), served by the site: works offline.
html_static_path = ['_static', '_build/npm/node_modules']
mathjax_path = 'mathjax/es5/tex-chtml.js'
