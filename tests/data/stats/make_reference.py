#!/usr/bin/env python3
"""Reference values for the study statistics tests, from SciPy (run: python3 make_reference.py > reference.json).

The C# tests read reference.json; they never run Python. Generated with SciPy 1.10.1 (Debian python3-scipy).
"""
import json

import scipy
from scipy import special, stats

T_CDF = [(0.5, 1.0), (-1.3, 2.5), (2.0, 5.0), (3.1, 10.7), (-4.2, 30.0), (1.96, 1000.0), (0.1, 0.7), (-0.75, 3.3), (12.0, 4.0)]
BETA = [(0.3, 2.0, 3.0), (0.9, 0.5, 0.5), (0.05, 10.0, 2.5), (0.5, 100.0, 90.0), (0.999, 3.0, 0.5)]
WELCH = [
    ([0.41, 0.38, 0.52, 0.47, 0.44, 0.39], [0.55, 0.61, 0.49, 0.58, 0.63]),
    ([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0, 10.0, 12.0]),
    ([0.31, 0.29, 0.35, 0.33, 0.30, 0.36, 0.28, 0.34], [0.32, 0.37, 0.30, 0.35, 0.31, 0.38]),
]

out = {
    "scipy": scipy.__version__,
    "t_cdf": [{"t": t, "df": df, "cdf": float(stats.t.cdf(t, df))} for t, df in T_CDF],
    "betainc": [{"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))} for x, a, b in BETA],
    "welch": [],
}
for a, b in WELCH:
    r = stats.ttest_ind(a, b, equal_var=False)
    va, vb = stats.tvar(a) / len(a), stats.tvar(b) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    out["welch"].append({"a": a, "b": b, "t": float(r.statistic), "df": float(df), "p": float(r.pvalue)})
print(json.dumps(out, indent=2))
