#!/usr/bin/env python3
"""Replays LinguaLanguageIdentifier's und rules on the output of LanguageFeatureDump (bench/langid-features.sh),
so that variants of the rules can be compared without rerunning Lingua (docs/filters.md, `language`).

  bench/langid-replay.py FEATURES.tsv OLD_THRESHOLDS.tsv NEW_THRESHOLDS.tsv
  FEATURES.tsv: bench/langid-features.sh --out FEATURES.tsv, run with the identifier the OLD thresholds belong to
  (the check below compares the dumped labels with the replay of the old rules); OLD_THRESHOLDS.tsv: that
  version's ngram-novelty-thresholds.tsv (git show fcc12ce:filters/src/main/resources/kiln/filters/lang/...).

The replay of the shipped rules agrees with the shipped identifier on every sample of the dump (checked below);
leave-one-out removes a language from Lingua's top list, which is what Lingua does with a smaller candidate set
except where its script rules would narrow the candidates differently (bench/langid.sh --leave-one-out is exact).
"""
import collections, math, statistics, sys

A, B, C = 4.936, 1.329, 0.2137
OLD_UND = dict(ar=0.95, az=0.8, bg=0.75, ca=0.55, cy=0.95, fa=0.85, fi=0.9, ga=0.85, id=0.8, it=0.7, kk=0.95,
               la=0.85, lg=0.9, mn=0.95, pt=0.65, sn=0.9, so=0.9, sq=0.85, sw=0.65, tr=0.85, ts=0.8, yo=0.85)
EXCL = frozenset(('bs', 'ms'))


def thresholds(path):
    q, cal = {}, {}
    for l in open(path, encoding='utf-8'):
        if l.startswith('#') or not l.strip():
            continue
        f = l.rstrip('\n').split('\t')
        q[f[0]] = float(f[1])
        if len(f) >= 5:
            cal[f[0]] = (float(f[3]), float(f[4]))
    v = sorted(q.values())
    return q, cal, v[len(v) // 4]


def read(path):
    rows = []
    for l in open(path, encoding='utf-8'):
        f = l.rstrip('\n').split('\t')
        conf = [(a.split(':')[0], float(a.split(':')[1])) for a in f[9].split(',')] if f[9] else []
        nov = {}
        for a in (f[10].split(',') if f[10] else []):
            c, t, u = a.split(':')
            nov[c] = (int(t), int(u))
        rows.append(dict(split=f[0], set=f[1], lang=f[2], n=int(f[4]), opt=f[5], optp=float(f[6]), ship=f[7],
                         conf=conf, nov=nov))
    return rows


def score(r, n):
    return 1 / (1 + math.exp(-(A + B * math.log(max(r, 1e-4)) + C * math.log(max(n, 1)))))


class Rules:
    """und_score (single value or table) + novelty (sentence quantile, or scaled by sqrt(kref * k0 / k))."""

    def __init__(self, th, und=None, dflt=0.2, scaled=False, kref=1.0, absorb=frozenset(), opt=None):
        self.q, self.cal, self.floor = th
        self.und, self.dflt, self.scaled, self.kref, self.absorb, self.opt = und or {}, dflt, scaled, kref, absorb, opt

    def novel(self, r, lab):
        if lab not in self.q:
            return False
        c = r['nov'].get(lab)
        if c is None or c[0] < 5:
            return False
        t = self.q[lab]
        if self.scaled and lab in self.cal:
            mu, k0 = self.cal[lab]
            t = mu + (t - mu) * min(1.0, math.sqrt(self.kref * k0 / c[0]))
        return c[1] / c[0] > max(t, self.floor)

    def __call__(self, r, exclude=EXCL):
        exclude = exclude - self.absorb  # absorbing labels stay candidates
        conf = [(c, v) for c, v in r['conf'] if c not in exclude]
        if not conf:
            return 'und'
        top, ct = conf[0]
        s = score(1 - conf[1][1] / ct if len(conf) > 1 else 1.0, r['n'])
        if top in self.absorb:
            return 'und'
        if s < self.und.get(top, self.dflt) or self.novel(r, top):
            return 'und'
        if self.opt and top in OPT and r['opt'] != top and r['optp'] >= self.opt[0] and s < self.opt[1]:
            return 'und'
        return top


def evaluate(rows, split, st, rule, covered):
    acc = collections.defaultdict(lambda: [0, 0])
    for r in rows:
        if r['split'] == split and r['set'] == st:
            a = acc[r['lang']]
            a[1] += 1
            a[0] += rule(r) == (r['lang'] if r['lang'] in covered else 'und')
    res = {l: a[0] / a[1] for l, a in acc.items()}
    cov = [l for l in covered if l in res]
    return sum(res[l] for l in cov) / len(cov), res


def loo(rows, split, st, rule, covered, only=None):
    by = collections.defaultdict(list)
    for r in rows:
        if r['split'] == split and r['set'] == st:
            by[r['lang']].append(r)
    out = {L: sum(rule(r, EXCL | {L}) == 'und' for r in by[L]) / len(by[L])
           for L in covered if by[L] and (only is None or L in only)}
    return sum(out.values()) / len(out), out


if __name__ == '__main__':
    rows = read(sys.argv[1])
    old, new = thresholds(sys.argv[2]), thresholds(sys.argv[3])
    langs = sorted({r['lang'] for r in rows})
    covered = [l for l in langs if l not in ('am', 'om', 'si', 'ti', 'bs', 'ms')]
    OPT = {r['opt'] for r in rows} - {'und'}
    shipped_old = Rules(old, OLD_UND, 0.2)
    mism = sum(shipped_old(r) != r['ship'] for r in rows)
    print(f'replay of the dumped identifier: {len(rows) - mism} of {len(rows)} labels agree')
    variants = [
        ('old default (table + 0.2, sentence novelty)', shipped_old),
        ('old, bs/ms candidates reported und', Rules(old, OLD_UND, 0.2, absorb=EXCL)),
        ('old, single und_score 0.4 (no table)', Rules(old, None, 0.4)),
        ('old + optimaize disagrees (p>=0.5, score<0.99)', Rules(old, OLD_UND, 0.2, opt=(0.5, 0.99))),
        ('new calib., single 0.4, sentence novelty', Rules(new, None, 0.4)),
        ('new calib., single 0.4, scaled novelty from k0 x1', Rules(new, None, 0.4, scaled=True)),
        ('new calib., single 0.4, scaled novelty from k0 x2', Rules(new, None, 0.4, scaled=True, kref=2)),
        ('new calib., single 0.4, scaled novelty from k0 x3', Rules(new, None, 0.4, scaled=True, kref=3)),
        ('new calib., single 0.4, scaled novelty from k0 x4 (shipped)', Rules(new, None, 0.4, scaled=True, kref=4)),
    ]
    cov_bsms = covered  # bs and ms are scored as uncovered (und is right) in every variant
    print('| rule | split | sent. mean | para. mean | LOO und sent. | LOO und para. | fair LOO para. (optimaize lacks L) '
          '| und om sent./para. | bs / ms und para. | hr / id para. |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for name, rule in variants:
        for split in ('even', 'heldout'):
            ms, rs = evaluate(rows, split, 'sentences', rule, cov_bsms)
            mp, rp = evaluate(rows, split, 'paragraphs', rule, cov_bsms)
            ls, _ = loo(rows, split, 'sentences', rule, covered)
            lp, _ = loo(rows, split, 'paragraphs', rule, covered)
            fp, _ = loo(rows, split, 'paragraphs', rule, covered, only=set(covered) - OPT)
            print(f"| {name} | {split} | {ms:.4f} | {mp:.4f} | {ls:.3f} | {lp:.3f} | {fp:.3f} | {rs['om']:.2f} / "
                  f"{rp['om']:.2f} | {rp['bs']:.2f} / {rp['ms']:.2f} | {rp['hr']:.2f} / {rp['id']:.2f} |")
