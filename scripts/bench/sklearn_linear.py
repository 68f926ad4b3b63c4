#!/usr/bin/env python3
"""scikit-learn side of `mlmp compare linear`: the same fits on the same data, timed the same way.

Run with Debian's interpreter (/usr/bin/python3, package python3-sklearn), --threads T BLAS/OpenMP threads
as scikit-learn's parallelism guide says (peer_config.py; the configuration is printed under "config"). mlmp writes the data set as
X.npy / y.npy; this script loads it, times the fit (median of --repeats runs after one warm-up) and prints
one JSON object on its last line. The course's λ maps onto scikit-learn as documented in org.mlmp.linear:
Ridge alpha = 2Nλ; Lasso alpha = λ; ElasticNet alpha = λ(2 − a), l1_ratio = a/(2 − a).
Workloads:
  ridge      --lam L                          Ridge(alpha=2NL).fit(X, y)
  lasso-path --lam-max L --count K --eps E    centre X, y; lasso_path over geomspace(L, L*E, K)
  enet-path  --lam-max L --count K --eps E --a A   the same with enet_path (alpha = λ(2 − a), l1_ratio = a/(2 − a))
  ols                                         LinearRegression().fit(X, y)
"""
import argparse, json, os, statistics, time
import numpy as np
from peer_config import configure_sklearn
import sklearn
from sklearn.linear_model import Ridge, LinearRegression, lasso_path, enet_path


def timed(fn, repeats):
    fn()
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["ridge", "lasso-path", "enet-path", "ols"])
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--lam", type=float)
    p.add_argument("--lam-max", type=float)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--eps", type=float, default=1e-3)
    p.add_argument("--a", type=float, default=1.0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    X = np.load(a.x)
    y = np.load(a.y)
    n = X.shape[0]
    out = {"sklearn": sklearn.__version__, "config": configure_sklearn(a.threads)}
    if a.workload == "ridge":
        m = Ridge(alpha=2 * n * a.lam)
        out["seconds"] = timed(lambda: m.fit(X, y), a.repeats)
        out["coef0"] = float(m.coef_[0])
    elif a.workload == "ols":
        m = LinearRegression()
        out["seconds"] = timed(lambda: m.fit(X, y), a.repeats)
        r = y - m.predict(X)
        out["cost"] = float(r @ r / (2 * n))
    else:
        lams = np.geomspace(a.lam_max, a.lam_max * a.eps, a.count)

        def run():
            Xc = X - X.mean(axis=0)
            yc = y - y.mean()
            if a.workload == "lasso-path":
                return lasso_path(Xc, yc, alphas=lams)
            return enet_path(Xc, yc, alphas=lams * (2 - a.a), l1_ratio=a.a / (2 - a.a))
        out["seconds"] = timed(run, a.repeats)
        w = run()[1][:, -1]
        out["nonzero_last"] = int(np.count_nonzero(w))
        # the optimality (KKT) violation at the smallest λ, course convention, relative to ‖Xcᵀyc‖∞/N
        Xc = X - X.mean(axis=0); yc = y - y.mean(); lam = lams[-1]; frac = 1.0 if a.workload == "lasso-path" else a.a
        g = -Xc.T @ (yc - Xc @ w) / n + 2 * lam * (1 - frac) * w
        l1 = lam * frac
        v = np.where(w != 0, np.abs(g + l1 * np.sign(w)), np.maximum(0, np.abs(g) - l1))
        out["kkt_last"] = float(v.max() / (np.abs(Xc.T @ yc).max() / n))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
