#!/usr/bin/env python3
"""Create tests_data/tiny_{hubert,wavlm,data2vec_audio}/: tiny, randomly initialised (seeded) SSL models of the other
families the toolkit loads through transformers, saved with `save_pretrained` so that the notebooks test the real
`AutoModel.from_pretrained(local_dir)` path. Same geometry as tests_data/make_tiny_wav2vec2.py (conv kernels
(10,3,3,3,3,2,2), strides (5,2,2,2,2,2,2): receptive field 400 samples, hop 320 = 20 ms); hidden 32, 2 layers.

HuBERT and WavLM keep their base models' feature encoder, `feat_extract_norm='group'` (a GroupNorm over time after
the first conv layer, as hubert-base / wavlm-base / wav2vec2-base): batched with padding it is NOT padding-invariant,
which is what the front-end has to handle. data2vec-audio has layer-normalised conv features (as XLSR-53).
Usage: python tests_data/make_tiny_ssl.py [out_root]
"""
import sys
from pathlib import Path
import torch
from transformers import (HubertConfig, HubertModel, WavLMConfig, WavLMModel, Data2VecAudioConfig, Data2VecAudioModel,
                          Wav2Vec2FeatureExtractor)

COMMON = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
              conv_dim=(16,)*7, conv_kernel=(10,3,3,3,3,2,2), conv_stride=(5,2,2,2,2,2,2), conv_bias=False,
              num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=2,
              hidden_dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, feat_proj_dropout=0.0,
              layerdrop=0.0, mask_time_prob=0.05, mask_time_length=2, vocab_size=8)

MODELS = {
    'tiny_hubert': (HubertModel, HubertConfig(**COMMON, feat_extract_norm='group', do_stable_layer_norm=False)),
    'tiny_wavlm': (WavLMModel, WavLMConfig(**COMMON, feat_extract_norm='group', do_stable_layer_norm=False,
                                            num_buckets=32, max_bucket_distance=100)),
    'tiny_data2vec_audio': (Data2VecAudioModel, Data2VecAudioConfig(**{**COMMON, 'num_conv_pos_embeddings': 5,
                                                                       'num_conv_pos_embedding_groups': 2,
                                                                       'conv_pos_kernel_size': 5,
                                                                       'num_conv_pos_embedding_layers': 2})),
}

def make(out_root):
    out = []
    for name, (cls, cfg) in MODELS.items():
        torch.manual_seed(0)
        d = Path(out_root)/name; d.mkdir(parents=True, exist_ok=True)
        cls(cfg).eval().save_pretrained(d)
        Wav2Vec2FeatureExtractor(feature_size=1, sampling_rate=16000, padding_value=0.0, do_normalize=True,
                                 return_attention_mask=True).save_pretrained(d)
        out.append(d)
    return out

if __name__ == '__main__':
    for d in make(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent):
        print(d, sum(f.stat().st_size for f in d.iterdir()), 'bytes')
