#!/usr/bin/env python3
"""Reference outputs of LIBSVM for SvmLibsvmReferenceTest (see README.md beside this file).

Run in this folder with Debian's interpreter and packages (libsvm-tools and python3-libsvm 3.24+ds-6, numpy):
    /usr/bin/python3 generate.py
It writes the data sets (LIBSVM format), runs svm-train on each, and writes what LIBSVM computed: the model files
as svm-train wrote them (<name>.model) and <name>.reference.json with each pairwise machine's support-vector rows (0-based
training-row indices, matched by their features: every value has 4 decimals, which %.8g prints exactly), dual
coefficients, rho and the decision values at the test points from LIBSVM's own svm_predict (svmutil, on the model
file read back). Nothing here is computed by mlmp.
"""
import json, math, os, subprocess, sys

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import svmutil  # python3-libsvm: LIBSVM's own Python interface

SIGMA, C, EPS = 1.0, 2.0, "1e-12"
GAMMA = 1.0 / (2 * SIGMA ** 2)          # 0.5
CENTRES = [(0.0, 0.0, 0.0), (1.6, 0.0, 0.0), (0.8, 1.4, 0.0)]


def rows(n):
    """x_ij = round(μ_{c,j} + 0.9 (sin(1.9 i (j+1) + 0.7 j) + 0.5 cos(0.31 i² + 1.3 j)), 4), class c = i mod 3."""
    out = []
    for i in range(n):
        c = i % 3
        x = [round(CENTRES[c][j] + 0.9 * (math.sin(1.9 * i * (j + 1) + 0.7 * j) + 0.5 * math.cos(0.31 * i * i + 1.3 * j)), 4)
             for j in range(3)]
        out.append((c, x))
    return out


def test_rows(m):
    """t_ij = round(0.8 + 1.5 sin(0.9 i + 1.7 j + 0.2 i j), 4)."""
    return [(0, [round(0.8 + 1.5 * math.sin(0.9 * i + 1.7 * j + 0.2 * i * j), 4) for j in range(3)]) for i in range(m)]


def write(name, data):
    with open(name, "w") as f:
        for c, x in data:
            f.write("%d %s\n" % (c, " ".join("%d:%.4f" % (j + 1, v) for j, v in enumerate(x))))


def read_model(path):
    lines = open(path).read().split("\n")
    hdr, i = {}, 0
    while lines[i] != "SV":
        k, *v = lines[i].split()
        hdr[k] = v
        i += 1
    svs = []
    for line in lines[i + 1:]:
        if line.strip():
            parts = line.split()
            k = len(hdr["label"]) - 1
            coef = [float(p) for p in parts[:k]]
            feats = {int(p.split(":")[0]): float(p.split(":")[1]) for p in parts[k:]}
            svs.append((coef, [feats.get(j + 1, 0.0) for j in range(3)]))
    return hdr, svs


def reference(name, data, test_file, shrinking):
    write(name + ".train", data)
    cmd = ["svm-train", "-s", "0", "-t", "2", "-g", repr(GAMMA), "-c", repr(C), "-e", EPS, "-h", str(shrinking),
           name + ".train", name + ".model"]
    log = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    hdr, svs = read_model(name + ".model")
    labels = [int(v) for v in hdr["label"]]
    nr_sv = [int(v) for v in hdr["nr_sv"]]
    rho = [float(v) for v in hdr["rho"]]
    # training row of each support vector (features have 4 decimals: exact in the model file)
    index = []
    for _, f in svs:
        match = [r for r, (_, x) in enumerate(data) if x == f]
        assert len(match) == 1, (f, match)
        index.append(match[0])
    start = [sum(nr_sv[:k]) for k in range(len(labels))]
    machines, p = [], 0
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            # LIBSVM's pair (a, b): class a's SVs carry their coefficient in column b-1, class b's in column a
            sup = []
            for s in range(start[a], start[a] + nr_sv[a]):
                if svs[s][0][b - 1] != 0: sup.append((index[s], svs[s][0][b - 1]))
            for s in range(start[b], start[b] + nr_sv[b]):
                if svs[s][0][a] != 0: sup.append((index[s], svs[s][0][a]))
            sup.sort()
            machines.append({"positive": labels[a], "negative": labels[b], "rho": rho[p],
                             "support": [r for r, _ in sup], "coef": [c for _, c in sup]})
            p += 1
    model = svmutil.svm_load_model(name + ".model")
    ty, tx = svmutil.svm_read_problem(test_file)
    _, _, dec = svmutil.svm_predict(ty, tx, model, "-q")
    return {"command": " ".join(cmd), "labels": labels, "nr_sv": nr_sv, "machines": machines,
            "testDecision": dec, "svmTrainOutput": log.strip().split("\n")[-4:]}


def main():
    full = rows(240)
    binary = [(c, x) for c, x in full if c < 2]
    write("test.txt", test_rows(30))
    for name, data in (("binary", binary), ("multiclass", full)):
        ref = reference(name, data, "test.txt", 1)
        # the same problem without shrinking: how far -h 0 lands from -h 1 (reported in the README)
        ref0 = reference(name + "-h0", data, "test.txt", 0)
        d = max(abs(u - v) for r, s in zip(ref["testDecision"], ref0["testDecision"]) for u, v in zip(r, s))
        same = all(m["support"] == n["support"] for m, n in zip(ref["machines"], ref0["machines"]))
        ref["shrinkingOffCheck"] = {"maxDecisionDifference": d, "sameSupportRows": same}
        for ext in (".train", ".model"):
            os.remove(name + "-h0" + ext)
        with open(name + ".reference.json", "w") as f:
            json.dump(ref, f, indent=1)
        free = sum(1 for m in ref["machines"] for c in m["coef"] if abs(c) < C)
        bounded = sum(1 for m in ref["machines"] for c in m["coef"] if abs(c) >= C)
        print(name, "labels", ref["labels"], "nr_sv", ref["nr_sv"], "free", free, "bounded", bounded,
              "-h0 vs -h1", ref["shrinkingOffCheck"])


if __name__ == "__main__":
    main()
