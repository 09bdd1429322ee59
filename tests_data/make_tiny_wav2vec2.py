#!/usr/bin/env python3
"""Create tests_data/tiny_wav2vec2/: a tiny, randomly initialised wav2vec 2.0 model (seeded), saved with
`save_pretrained` so that the notebooks test the real `Wav2Vec2Model.from_pretrained(local_dir)` path.

It keeps the real wav2vec 2.0 / XLSR-53 geometry where it matters for the toolkit: the conv feature encoder has
kernels (10,3,3,3,3,2,2) and strides (5,2,2,2,2,2,2) (receptive field 400 samples, hop 320 = 20 ms), so an input of
N samples gives T' = floor((N-400)/320)+1 frames; and, like XLSR-53, it uses layer-normalised conv features and the
"stable layer norm" (pre-LN) transformer, which makes padded batches give the same outputs as single utterances.
Everything else is tiny (hidden 32, 2 layers, 2 heads). Usage: python tests_data/make_tiny_wav2vec2.py [out_dir]
"""
import sys
from pathlib import Path
import torch
from transformers import Wav2Vec2Config, Wav2Vec2Model, Wav2Vec2FeatureExtractor

def make(out_dir):
    torch.manual_seed(0)
    cfg = Wav2Vec2Config(
        hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        conv_dim=(16,)*7, conv_kernel=(10,3,3,3,3,2,2), conv_stride=(5,2,2,2,2,2,2), conv_bias=True,
        feat_extract_norm='layer', do_stable_layer_norm=True,     # as XLSR-53
        num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=2,
        hidden_dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, feat_proj_dropout=0.0,
        layerdrop=0.0, mask_time_prob=0.05, mask_time_length=2, vocab_size=8)
    model = Wav2Vec2Model(cfg).eval()
    out_dir = Path(out_dir); out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    Wav2Vec2FeatureExtractor(feature_size=1, sampling_rate=16000, padding_value=0.0, do_normalize=True,
                             return_attention_mask=True).save_pretrained(out_dir)
    return out_dir

if __name__ == '__main__':
    d = make(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent/'tiny_wav2vec2')
    print(d, sum(f.stat().st_size for f in d.iterdir()), 'bytes')
