# Sphinx configuration for the spoofxai docs. Do not run sphinx-build on docs/ directly:
# `python tools/build_docs.py` writes the cleaned notebooks to docs/_build/src and builds with this file (-c docs).
import configparser
from pathlib import Path

_here = Path(__file__).resolve().parent
_cfg = configparser.ConfigParser(); _cfg.read(_here.parent/'settings.ini')
_s = _cfg['DEFAULT']

project = _s.get('title', 'spoofxai')
author = _s.get('author', '')
copyright = _s.get('copyright', '')
release = version = _s.get('version', '')

extensions = ['myst_nb', 'sphinx.ext.mathjax']
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'html_image']
myst_dmath_double_inline = True       # `$$...$$` inside a paragraph is display math, as in Jupyter
nb_execution_mode = 'off'             # show the outputs stored in the notebooks; running them all is CI's job
nb_render_markdown_format = 'myst'    # markdown outputs (tables, math) rendered like markdown cells
nb_merge_streams = True
exclude_patterns = ['**.ipynb_checkpoints']

html_theme = 'furo'
html_title = f'{project} {release}'
html_static_path = ['_static'] + (['_build/mathjax_static'] if (_here/'_build'/'mathjax_static').is_dir() else [])
html_css_files = ['custom.css']
html_show_sourcelink = False
html_theme_options = {'navigation_with_keys': True}

# MathJax 3 served from the site itself (npm mathjax@3, copied by tools/build_docs.py): no CDN, works offline.
mathjax_path = 'mathjax/tex-chtml.js'
