"""Test oracle for `spoofxai.metrics`: the reference definitions, restated in plain loops.

What each function reproduces (the conventions, not the code, which is not redistributed here):

- ASVspoof5 evaluation package, github.com/asvspoof-challenge/asvspoof5, `evaluation-package/calculate_modules.py`
  (`compute_det_curve`, `compute_eer`, `compute_mindcf`, `compute_actDCF`, `compute_tDCF`, `calculate_CLLR`) and
  `calculate_metrics.py` (the cost model and the organisers' fixed ASV error rates for min t-DCF).
- ASVspoof 2021 t-DCF (with the C0 term), as in github.com/nii-yamagishilab/PartialSpoof,
  `project-NN-Pytorch-scripts.202102/sandbox/eval_asvspoof.py` (`compute_tDCF`).
- ROC convex hull EER of the BOSARIS toolkit (Brummer & de Villiers; python ports `rocch` / `rocch2eer`):
  pool-adjacent-violators on the labels sorted by score, then the largest crossing of a hull segment's line with
  the diagonal.
- PartialSpoof segment EER, github.com/nii-yamagishilab/PartialSpoof `metric/SegmentEER.py`
  (`get_pd_in_scoretype` with SCORE_TYPE='min': non-overlapping windows of `fs` frames, `min` of score and of
  label, a last shorter window for the remainder, `fs` capped at the utterance length; `get_utteer_by_seg`:
  per-utterance `min` of scores and labels; `get_duppd_by_scale`: scores repeated, labels at the finer
  resolution, both cut to the shorter), with the EER of `eval_asvspoof.compute_eer` (same rule as ASVspoof5).

Every function was checked to give the same numbers as the original code (to 1e-12, on random data with and
without ties) before being used as an oracle. Deliberately slow and simple: small inputs only.
"""
import math
import numpy as np

P_SPOOF, C_MISS, C_FA = 0.05, 1.0, 10.0
ASV_PFA_NON, ASV_PMISS, ASV_PFA_SPOOF = 0.01881016557566423, 0.01880141010575793, 0.4607082907604729


def det_points(bona, spoof):
    "Reference DET: stable sort of [bona, spoof]; a point before the first and after every trial."
    bona, spoof = np.asarray(bona, float), np.asarray(spoof, float)
    trials = [(x, 1) for x in bona] + [(x, 0) for x in spoof]
    trials = sorted(trials, key=lambda t: t[0])          # Python's sort is stable, like mergesort
    frr, far = [0.0], [1.0]
    nb = ns = 0
    for _, is_bona in trials:
        if is_bona: nb += 1
        else: ns += 1
        frr.append(nb / len(bona)); far.append((len(spoof) - ns) / len(spoof))
    return np.array(frr), np.array(far)


def asvspoof5_eer(bona, spoof):
    frr, far = det_points(bona, spoof)
    best = None
    for i in range(len(frr)):                             # first index of the smallest |frr - far|
        if best is None or abs(frr[i] - far[i]) < abs(frr[best] - far[best]): best = i
    return (frr[best] + far[best]) / 2


def asvspoof5_min_dcf(bona, spoof, p_spoof=P_SPOOF, c_miss=C_MISS, c_fa=C_FA):
    frr, far = det_points(bona, spoof)
    cost = min(c_miss * f * (1 - p_spoof) + c_fa * a * p_spoof for f, a in zip(frr, far))
    return cost / min(c_miss * (1 - p_spoof), c_fa * p_spoof)


def asvspoof5_act_dcf(bona, spoof, p_spoof=P_SPOOF, c_miss=C_MISS, c_fa=C_FA):
    t = -math.log(c_miss * (1 - p_spoof) / (c_fa * p_spoof))
    miss = sum(1 for x in bona if x < t) / len(bona)
    fa = sum(1 for x in spoof if x >= t) / len(spoof)
    return (c_miss * (1 - p_spoof) * miss + c_fa * p_spoof * fa) / min(c_fa * p_spoof, c_miss * (1 - p_spoof))


def asvspoof5_cllr(bona, spoof):
    "As the reference: log(1 + exp(-x)), which overflows for |LLR| above ~709."
    with np.errstate(over='ignore'):
        tb = np.mean(np.log1p(np.exp(-np.asarray(bona, float))))
        ts = np.mean(np.log1p(np.exp(np.asarray(spoof, float))))
    return 0.5 * (tb + ts) / math.log(2)


def asvspoof5_min_tdcf(bona, spoof):
    "min t-DCF as computed by the ASVspoof5 package: (C1 Pmiss + C2 Pfa) / min(C1, C2)."
    ptar, pnon, pspoof = 0.95 * 0.99, 0.95 * 0.01, 0.05
    c1 = ptar * (1 - 1 * ASV_PMISS) - pnon * 10 * ASV_PFA_NON
    c2 = 10 * pspoof * (1 - (1 - ASV_PFA_SPOOF))
    frr, far = det_points(bona, spoof)
    return min((c1 * f + c2 * a) / min(c1, c2) for f, a in zip(frr, far))


def asvspoof2021_min_tdcf(bona, spoof):
    "min t-DCF in the ASVspoof 2021 form: (C0 + C1 Pmiss + C2 Pfa) / (C0 + min(C1, C2))."
    ptar, pnon, pspoof, cmiss, cfa, cfa_spoof = 0.95 * 0.99, 0.95 * 0.01, 0.05, 1, 10, 10
    c0 = ptar * cmiss * ASV_PMISS + pnon * cfa * ASV_PFA_NON
    c1 = ptar * cmiss - c0
    c2 = pspoof * cfa_spoof * ASV_PFA_SPOOF
    frr, far = det_points(bona, spoof)
    return min((c0 + c1 * f + c2 * a) / (c0 + min(c1, c2)) for f, a in zip(frr, far))


def _pav_blocks(y):
    "Pool adjacent violators: the widths of the monotone (non-decreasing) blocks of y."
    means, widths = [], []
    for v in y:
        means.append(float(v)); widths.append(1)
        while len(means) > 1 and means[-2] >= means[-1]:
            w = widths[-2] + widths[-1]
            means[-2] = means[-2] + widths[-1] / w * (means[-1] - means[-2]); widths[-2] = w
            means.pop(); widths.pop()
    return widths


def rocch_eer(bona, spoof):
    "BOSARIS ROCCH-EER."
    bona, spoof = list(map(float, bona)), list(map(float, spoof))
    nt, nn = len(bona), len(spoof)
    trials = sorted([(x, 1) for x in bona] + [(x, 0) for x in spoof], key=lambda t: t[0])
    ideal = [lab for _, lab in trials]
    pmiss, pfa, left = [0.0], [1.0], 0
    for w in _pav_blocks(ideal):
        left += w
        miss = sum(ideal[:left]); fa = nn - (left - miss)
        pmiss.append(miss / nt); pfa.append(fa / nn)
    eer = 0.0
    for i in range(len(pfa) - 1):
        x0, x1, y0, y1 = pfa[i], pfa[i + 1], pmiss[i], pmiss[i + 1]
        if x0 - x1 == 0 or y0 - y1 == 0: cand = 0.0
        else:                                            # line a x + b y = 1 through both points; crossing at 1/(a+b)
            det = x0 * y1 - x1 * y0
            a, b = (y1 - y0) / det, (x0 - x1) / det
            cand = 1 / (a + b)
        eer = max(eer, cand)
    return eer


def _windows_min(x, fs):
    "PartialSpoof 'min' down-sampling of one utterance: windows of fs frames, remainder as a last window."
    fs = min(len(x), fs)
    out = [min(x[i:i + fs]) for i in range(0, len(x) - fs + 1, fs)]
    if len(out) < len(x) / fs: out.append(min(x[fs * (len(x) // fs):]))
    return out


def segment_eer(frame_scores, frame_labels, fs=1):
    gen, spf = [], []
    for s, l in zip(frame_scores, frame_labels):
        sw, lw = _windows_min(list(s), fs), _windows_min(list(l), fs)
        for a, b in zip(sw, lw): (gen if b == 1 else spf).append(a)
    return asvspoof5_eer(gen, spf)


def utt_eer_from_segments(frame_scores, frame_labels):
    gen, spf = [], []
    for s, l in zip(frame_scores, frame_labels): (gen if min(l) == 1 else spf).append(min(s))
    return asvspoof5_eer(gen, spf)


def upsampled_segment_eer(frame_scores, fine_labels, k):
    "PartialSpoof `get_duppd_by_scale`: each score repeated k times, labels at the finer resolution, cut to the shorter."
    gen, spf = [], []
    for s, l in zip(frame_scores, fine_labels):
        rep = [x for x in s for _ in range(k)]
        for a, b in zip(rep, l): (gen if b == 1 else spf).append(a)
    return asvspoof5_eer(gen, spf)
