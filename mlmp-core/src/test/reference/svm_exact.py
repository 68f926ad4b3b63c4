import numpy as np
exec(open("svm_libsvm.py").read().split("sigma, C")[0])
sigma, C = 0.8, 2.0; gamma = 1/(2*sigma**2)
sup = [1, 3, 5, 6, 9, 11, 12, 13, 17, 18, 19, 22, 29, 31, 33, 37, 38]
libcoef = [2.0, -2.0, 2.0, -0.3831990699922706, -2.0, 2.0, 0.7529240810712688, -0.10201571403299096, 2.0, -0.4077042692277374, -0.6799890557688512, -2.0, -0.791983888237519, 2.0, -0.842138537465111, -0.19214873395374155, -1.3537448123930467]
K = np.exp(-gamma*((X[:,None,:]-X[None,:,:])**2).sum(-1))
bound = [s for s, c in zip(sup, libcoef) if abs(abs(c) - C) < 1e-12]
free = [s for s, c in zip(sup, libcoef) if abs(abs(c) - C) >= 1e-12]
# unknowns: beta_f (= alpha y for free), b.  equations: for f in free: sum_j beta_j K_fj + b = y_f ; sum beta = 0
beta_b = np.array([C*y[s] for s in bound])
nf = len(free)
A = np.zeros((nf+1, nf+1)); rhs = np.zeros(nf+1)
for r, f in enumerate(free):
    A[r,:nf] = K[f, free]; A[r, nf] = 1; rhs[r] = y[f] - K[f, bound] @ beta_b
A[nf,:nf] = 1; rhs[nf] = -beta_b.sum()
sol = np.linalg.solve(A, rhs)
print("cond", np.linalg.cond(A))
beta = dict(zip(bound, beta_b)); beta.update(zip(free, sol[:nf])); b = sol[nf]
print("exact coef", [repr(beta[s]) for s in sup])
print("exact b", repr(b))
T = np.array([[np.cos(0.7*i)*1.3, np.sin(1.9*i)*1.3] for i in range(10)])
dec = [sum(beta[s]*np.exp(-gamma*((X[s]-t)**2).sum()) for s in sup) + b for t in T]
print("exact dec", ", ".join(repr(d) for d in dec))
# check KKT for all points
f = np.array([sum(beta[s]*K[i,s] for s in sup) + b for i in range(n)])
m = y*f
print("min margin of non-SV", min(m[i] for i in range(n) if i not in sup), "max margin bounded", max(m[s] for s in bound))
