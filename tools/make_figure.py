#!/usr/bin/env python3
"""Draw the README/docs picture: waveform + spectrogram of a partially spoofed utterance, spoofed segments shaded.

    python tools/make_figure.py            # -> nbs/images/partial_spoof.png

It uses an utterance made like those of spoofxai's synthetic database (spoofxai.synth.make_utterance) when that module is there,
and otherwise a stand-in synthesised here with numpy (a voiced signal with a spliced-in segment of another voice).
"""
import sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT/'nbs'/'images'/'partial_spoof.png'
SR = 16000

def _voice(t, f0, formants, rng, jitter=0.0):
    "A crude voiced sound: a pulse train at `f0(t)` through formant resonators, with a syllable envelope."
    from scipy.signal import lfilter
    phase = 2*np.pi*np.cumsum(f0*(1 + jitter*rng.standard_normal(len(t))))/SR
    src = (np.sin(phase) > 0.97).astype(float) - 0.03
    y = src
    for f, bw in formants:
        r = np.exp(-np.pi*bw/SR); th = 2*np.pi*f/SR
        y = lfilter([1 - r], [1, -2*r*np.cos(th), r*r], y)
    return y/np.abs(y).max()

def standin_utterance(seed=0):
    "(wav, [(start, end) of spoofed segments in s], utterance name) for a numpy-made partially spoofed utterance."
    rng = np.random.default_rng(seed)
    dur = 3.0; t = np.arange(int(dur*SR))/SR
    env = np.clip(np.sin(2*np.pi*2.2*t)**2 + 0.1, 0, 1) * (t > 0.15) * (t < 2.85)
    bona = _voice(t, 120 + 15*np.sin(2*np.pi*0.7*t), [(700, 90), (1200, 110), (2600, 160)], rng, 0.01)
    spoof = _voice(t, np.full_like(t, 155.0), [(500, 60), (1700, 80), (3400, 120)], rng)
    spoof = spoof + 0.15*rng.standard_normal(len(t))*np.sin(2*np.pi*5*t)**2       # vocoder-like noise bursts
    segs = [(1.05, 1.85)]
    w = bona.copy()
    for s, e in segs:
        i, j = int(s*SR), int(e*SR); w[i:j] = spoof[i:j]
    w = 0.8*w*env + 0.003*rng.standard_normal(len(t))
    return w.astype(np.float32), segs, 'stand-in utterance (numpy)'

def synth_utterance(seed=0, index=4, attack='A04', dur=(3.0, 3.5)):
    "A partially spoofed utterance made by spoofxai.synth (`make_utterance`), or None if that module is not there."
    try: from spoofxai.synth import make_speaker, make_utterance
    except Exception: return None
    try:
        spk = make_speaker(np.random.default_rng([seed, 1000 + index]))
        wav, segs, _ = make_utterance(seed, 'train', index, spk, attack, dur_range=dur)
        return wav, [(a*0.01, b*0.01) for a, b in segs], f'spoofxai.synth, attack {attack}'
    except Exception as e:
        print(f'[make_figure] spoofxai.synth present but not usable ({type(e).__name__}: {e}); using the stand-in', file=sys.stderr)
        return None

def draw(w, segs, name, out=OUT):
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    t = np.arange(len(w))/SR
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(9, 4.2), sharex=True, gridspec_kw={'height_ratios': [1, 1.6]})
    a1.plot(t, w, lw=0.4, color='#1f4e79')
    a1.set_ylabel('amplitude'); a1.set_title(f'A partially spoofed utterance: {name}', fontsize=10)
    a2.specgram(w, NFFT=512, Fs=SR, noverlap=384, cmap='magma', vmin=-120)
    a2.set_ylabel('frequency (Hz)'); a2.set_xlabel('time (s)'); a2.set_ylim(0, 8000)
    for a in (a1, a2):
        for i, (s, e) in enumerate(segs):
            a.axvspan(s, e, color='red', alpha=0.25 if a is a1 else 0.12, lw=0, label='spoofed' if i == 0 else None)
            a.axvline(s, color='red', lw=1.2, ls='--'); a.axvline(e, color='red', lw=1.2, ls='--')
    a1.legend(loc='upper right', fontsize=8); a1.set_xlim(0, t[-1])
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110); plt.close(fig)
    return out

if __name__ == '__main__':
    r = synth_utterance() or standin_utterance()
    print('[make_figure] wrote', draw(*r))
