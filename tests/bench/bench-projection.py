#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scikit-learn's side of tests/bench/bench-projection.

Usage: bench-projection.py MATRIX.f32 N_ROWS DIM LOCAL_ROWS REPS OUT_PREFIX

Reads the float32 matrix bench-projection wrote, then times, on this very data:
  local   PCA(n_components=2).fit_transform(X[rows]) with the default solver
          ('auto', which picks 'randomized' for 1,000 x 300) and with 'full';
          rows = arange(LOCAL_ROWS) * (N_ROWS // LOCAL_ROWS), as the C side
  global  PCA(n_components=2, svd_solver='randomized', random_state=0).fit(X)
(best of several runs each) and the memory the global fit takes beyond X (peak RSS, reset before the fit
through /proc/self/clear_refs). Prints one "key value" a line; writes the
local 'full' coordinates (LOCAL_ROWS x 2) and the global components (2 x DIM)
as float64 to OUT_PREFIX.local and OUT_PREFIX.global.
"""
import sys
import time

import numpy as np
from sklearn.decomposition import PCA


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def best_time(fn, reps):
    """The best of @reps runs: other processes only ever add time."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    path, n, d, local_rows, reps, out = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                        int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    x = np.fromfile(path, dtype="<f4").reshape(n, d)
    rows = np.arange(local_rows) * (n // local_rows)

    def local(solver):
        return PCA(n_components=2, svd_solver=solver).fit_transform(x[rows])

    local("auto")
    print("local_auto_s", best_time(lambda: local("auto"), reps))
    print("local_full_s", best_time(lambda: local("full"), max(3, reps // 5)))
    np.ascontiguousarray(local("full"), dtype=np.float64).tofile(out + ".local")

    global_reps = 1 if n >= 1000000 else 3
    rss_before = status_kb("VmRSS")
    peak_ok = reset_peak()
    times = []
    for _ in range(global_reps):
        pca = PCA(n_components=2, svd_solver="randomized", random_state=0)
        start = time.perf_counter()
        pca.fit(x)
        times.append(time.perf_counter() - start)
    peak = status_kb("VmHWM")
    print("global_randomized_s", min(times))
    print("global_extra_mb", (peak - rss_before) / 1024.0 if peak_ok else -1)
    print("global_ratio", " ".join(repr(float(r)) for r in pca.explained_variance_ratio_))
    np.ascontiguousarray(pca.components_, dtype=np.float64).tofile(out + ".global")


if __name__ == "__main__":
    main()
