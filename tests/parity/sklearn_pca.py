#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scikit-learn side of tests/test-projection.c.

Usage: sklearn_pca.py MATRIX.f32 N_ROWS DIM N_COMPONENTS [--as-given]

MATRIX.f32 holds N_ROWS x DIM little-endian float32 values, row-major.
Prints what sklearn.decomposition.PCA(N_COMPONENTS) finds, one item a line:
  ratio r1 r2 ...          explained_variance_ratio_
  variance v1 v2 ...       explained_variance_
  component c1 ... cDIM    one line per component (components_)
  coord x y ...            one line per row (fit_transform)

By default the float32 values are given to PCA as float64 with
svd_solver='full': the exact answer for those values (scikit-learn computes
float32 input in float32, good to about 1e-6 relative). --as-given passes the
float32 array with the default svd_solver='auto', as a user would.
"""
import sys
import warnings

import numpy as np
from sklearn.decomposition import PCA


def main():
    path, n, d, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    as_given = "--as-given" in sys.argv[5:]
    x = np.fromfile(path, dtype="<f4").reshape(n, d)
    if as_given:
        pca = PCA(n_components=k)
    else:
        x = x.astype(np.float64)
        pca = PCA(n_components=k, svd_solver="full")
    with warnings.catch_warnings():
        # identical rows: 0 / 0 ratios, which is what we compare against
        warnings.simplefilter("ignore", RuntimeWarning)
        coords = pca.fit_transform(x)
    out = sys.stdout
    out.write("ratio " + " ".join(repr(float(v)) for v in pca.explained_variance_ratio_) + "\n")
    out.write("variance " + " ".join(repr(float(v)) for v in pca.explained_variance_) + "\n")
    for row in pca.components_:
        out.write("component " + " ".join(repr(float(v)) for v in row) + "\n")
    for row in coords:
        out.write("coord " + " ".join(repr(float(v)) for v in row) + "\n")


if __name__ == "__main__":
    main()
