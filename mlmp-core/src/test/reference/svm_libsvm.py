import numpy as np, subprocess
n = 40
X = np.array([[round(1.7*np.sin(2.3*i+0.4), 4), round(1.7*np.cos(1.1*i*i+0.3*i), 4)] for i in range(n)])
y = np.where(X[:,0]**2 + X[:,1]**2 < 1.2, 1, -1)
y[5] = -y[5]; y[17] = -y[17]   # two label flips: the classes overlap
assert y[0] == 1 or True
print("first label", y[0])
with open("train.txt","w") as f:
    for xi, yi in zip(X, y): f.write("%d 1:%.4f 2:%.4f\n" % (yi, xi[0], xi[1]))
sigma, C = 0.8, 2.0
gamma = 1/(2*sigma*sigma)
subprocess.run(["svm-train","-s","0","-t","2","-g",repr(gamma),"-c",repr(C),"-e","1e-12","-h","0","train.txt","model.txt"], check=True, stdout=subprocess.DEVNULL)
lines = open("model.txt").read().split("\n")
hdr = {}
i = 0
while lines[i] != "SV":
    k, *v = lines[i].split(); hdr[k] = v; i += 1
rho = float(hdr["rho"][0]); labels = [int(v) for v in hdr["label"]]
svs = []
for l in lines[i+1:]:
    if not l.strip(): continue
    parts = l.split(); coef = float(parts[0]); feats = [float(p.split(":")[1]) for p in parts[1:]]
    while len(feats) < 2: feats.append(0.0)
    svs.append((coef, feats))
idx = []
for coef, feats in svs:
    m = [j for j in range(n) if abs(X[j,0]-feats[0]) < 1e-9 and abs(X[j,1]-feats[1]) < 1e-9]
    assert len(m) == 1, (feats, m); idx.append(m[0])
order = np.argsort(idx)
print("labels", labels, "rho", rho, "nSV", hdr["nr_sv"], "total", len(svs))
T = np.array([[np.cos(0.7*i)*1.3, np.sin(1.9*i)*1.3] for i in range(10)])
def K(a, b): return np.exp(-gamma*np.sum((a-b)**2))
dec = [sum(c*K(np.array(f), t) for c, f in svs) - rho for t in T]
sign = 1 if labels[0] == 1 else -1   # mlmp: > 0 means the larger label
print("X", "{" + ", ".join("{%r, %r}" % (a, b) for a, b in X) + "}")
print("y", "{" + ", ".join(str(v) for v in y) + "}")
print("support", sorted(idx))
print("coef (alpha*y for +1 = label 1) in support order", [svs[k][0]*sign for k in order])
print("decision", "{" + ", ".join(repr(sign*d) for d in dec) + "}")
print("b", -rho*sign)
