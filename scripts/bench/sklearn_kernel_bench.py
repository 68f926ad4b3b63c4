#!/usr/bin/env python3
"""scikit-learn side of `mlmp compare kernel`: the same workloads as mlmp's KernelSuite, timed the same way.

Run with Debian's interpreter (/usr/bin/python3, package python3-sklearn), --threads T BLAS/OpenMP threads
as scikit-learn's parallelism guide says (peer_config.py; the configuration is printed under "config"). Prints one JSON object on its
last line. Data: the .npy files mlmp wrote (--x, --y, and --t for the test rows), the same numbers on both sides; without
them, uniform [0,1)^d features from numpy default_rng(0) and y = sum_j sin(3 x_j). Workloads:
  krr --n N --d D --test M --sigma S --lambda L --repeats R
      KernelRidge(alpha=L, kernel="rbf", gamma=1/(2 S^2)).fit(X, y).predict(T): median seconds of fit + predict
      (--test 0 or no --t file: fit only)
  svm --n N --d D --sigma S --C C --tol E --cache-mb M --repeats R
      SVC(C=C, kernel="rbf", gamma=1/(2 S^2), tol=E, shrinking=True, cache_size=M).fit(X, labels) (LIBSVM inside
      scikit-learn, single-threaded; labels: y itself when --y is given, else sign(y - median(y))): median seconds of
      fit, and the number of support vectors
"""
import argparse, json, os, statistics, time
import numpy as np
from peer_config import configure_sklearn


def data(n, d, m):
    rng = np.random.default_rng(0)
    x = rng.random((n, d)); t = rng.random((m, d))
    return x, np.sin(3 * x).sum(1), t


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["krr", "svm"])
    p.add_argument("--n", type=int, default=2000); p.add_argument("--d", type=int, default=10)
    p.add_argument("--test", type=int, default=1000); p.add_argument("--sigma", type=float, default=1.0)
    p.add_argument("--lambda", dest="lam", type=float, default=1e-3); p.add_argument("--C", type=float, default=1.0)
    p.add_argument("--tol", type=float, default=1e-3); p.add_argument("--cache-mb", type=float, default=200)
    p.add_argument("--x"); p.add_argument("--y"); p.add_argument("--t")
    p.add_argument("--repeats", type=int, default=3); p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    from sklearn.kernel_ridge import KernelRidge
    from sklearn.svm import SVC
    config = configure_sklearn(a.threads)
    if a.x:
        x, y = np.load(a.x), np.load(a.y)
        t = np.load(a.t) if a.t else np.zeros((0, x.shape[1]))
    else:
        x, y, t = data(a.n, a.d, a.test)
    gamma = 1.0 / (2 * a.sigma ** 2)
    ts = []
    out = {"workload": a.workload, "n": int(x.shape[0])}
    # Untimed warm-up, as mlmp's side gets one (KernelSuite): the process's first fit pays for its first page faults,
    # imports and allocator growth. KRR on up to 2 000 rows (mlmp: three fits of up to 2 000), SVC at the row's size.
    if a.workload == "krr":
        w = min(len(x), 2000)
        KernelRidge(alpha=a.lam, kernel="rbf", gamma=gamma).fit(x[:w], y[:w])
        for _ in range(a.repeats):
            s = time.perf_counter(); m = KernelRidge(alpha=a.lam, kernel="rbf", gamma=gamma).fit(x, y)
            if a.test > 0 and len(t): m.predict(t)
            ts.append(time.perf_counter() - s)
        config["summary"] = "KernelRidge timed after one untimed fit on %d rows; %s" % (w, config["summary"])
    else:
        lab = y if a.x else np.where(y > np.median(y), 1, -1)
        SVC(C=a.C, kernel="rbf", gamma=gamma, tol=a.tol, shrinking=True, cache_size=a.cache_mb).fit(x, lab)
        for _ in range(a.repeats):
            s = time.perf_counter()
            m = SVC(C=a.C, kernel="rbf", gamma=gamma, tol=a.tol, shrinking=True, cache_size=a.cache_mb).fit(x, lab)
            ts.append(time.perf_counter() - s)
        out["n_sv"] = int(m.n_support_.sum())
        config["summary"] = ("SVC(C=%g, rbf gamma=%g, tol=%g, shrinking=True, cache_size=%g MB) = LIBSVM, single-threaded,"
                             " timed after one untimed fit; %s") % (
            a.C, gamma, a.tol, a.cache_mb, config["summary"])
    out.update(seconds=statistics.median(ts), config=config)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
