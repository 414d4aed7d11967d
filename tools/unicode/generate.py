#!/usr/bin/env python3
"""Writes the Unicode normalization data Likeness.Core.Text.UnicodeNormalization embeds, and the test golden.

The product runs with InvariantGlobalization (no ICU), where string.Normalize leaves non-ASCII text unchanged, so
the tables come from Python's unicodedata. Usage: /usr/bin/python3 tools/unicode/generate.py (from the repo root).
"""
import random
import unicodedata as u

def hexs(s):
    return ' '.join('%X' % ord(c) for c in s)

def data():
    dec, ccc, comp = [], [], []
    for cp in range(0x110000):
        if 0xAC00 <= cp <= 0xD7A3 or 0xD800 <= cp <= 0xDFFF:
            continue  # Hangul syllables are decomposed by rule; surrogates are not characters
        c = chr(cp)
        d, k = u.normalize('NFD', c), u.normalize('NFKD', c)
        if d != c or k != c:
            dec.append('D;%X;%s;%s' % (cp, hexs(d) if d != c else '', hexs(k) if k != d else ''))
        if u.combining(c):
            ccc.append('C;%X;%d' % (cp, u.combining(c)))
        raw = u.decomposition(c)
        if raw and not raw.startswith('<'):
            parts = [int(x, 16) for x in raw.split()]
            # A primary composite: NFC gives it back (this leaves out the composition exclusions and singletons).
            if len(parts) == 2 and u.normalize('NFC', chr(parts[0]) + chr(parts[1])) == c:
                comp.append('P;%X;%X;%X' % (parts[0], parts[1], cp))
    header = ('# Unicode %s normalization data from Python unicodedata (tools/unicode/generate.py).\n'
              '# D;code point;full canonical decomposition (empty: none);full compatibility decomposition when it differs\n'
              '# C;code point;canonical combining class\n'
              '# P;first;second;primary composite\n') % u.unidata_version
    return header + '\n'.join(dec + ccc + comp) + '\n'

def golden():
    rng = random.Random(2026)
    marks = [cp for cp in range(0x300, 0x370)] + [0x5B0, 0x5B8, 0x5C1, 0x93C, 0x94D, 0x3099, 0x309A, 0x1DCE, 0x20D2]
    bases = [ord(c) for c in 'aeiouAEIOUnNcCsSzZ'] + [0x3B1, 0x3C9, 0x41, 0x5D0, 0x915, 0x304B, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x1E0A, 0x212B, 0xFB03, 0xFF2D, 0x2460, 0x1D400, 0x2F800, 0x00BD]
    cases = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if u.normalize('NFC', c) != c or u.normalize('NFKC', c) != c or (0xAC00 <= cp <= 0xD7A3 and cp % 97 == 0):
            cases.append(c)
    for _ in range(3000):
        cases.append(''.join(chr(rng.choice(bases if rng.random() < 0.45 else marks)) for _ in range(rng.randint(2, 7))))
    lines = ['# input;NFC;NFKC as code points (Python %s, Unicode %s)' % (__import__('sys').version.split()[0], u.unidata_version)]
    lines += ['%s;%s;%s' % (hexs(s), hexs(u.normalize('NFC', s)), hexs(u.normalize('NFKC', s))) for s in cases]
    return '\n'.join(lines) + '\n'

open('src/Likeness.Core/Text/unicode-normalization.txt', 'w').write(data())
open('tests/data/unicode/normalization-golden.txt', 'w').write(golden())
