import numpy as np, sklearn
from sklearn.kernel_ridge import KernelRidge
from sklearn.metrics.pairwise import pairwise_kernels
n, m, d = 30, 8, 3
X = np.array([[np.sin(1.3*i + 0.7*j) + 0.1*j for j in range(d)] for i in range(n)])
T = np.array([[np.cos(0.9*i + 1.1*j) for j in range(d)] for i in range(m)])
Y = np.stack([np.sin(X[:,0]) + np.cos(X[:,1])*X[:,2], X[:,0]*X[:,1] - X[:,2]], axis=1)
print("sklearn", sklearn.__version__)
for name, kw, lam in [("rbf sigma=1", dict(kernel="rbf", gamma=0.5), 0.1),
                      ("laplacian sigma=2", dict(kernel="laplacian", gamma=0.5), 0.1),
                      ("poly d=2 c=1", dict(kernel="poly", degree=2, gamma=1, coef0=1), 0.5)]:
    K = pairwise_kernels(X, X, metric=kw["kernel"], **{k:v for k,v in kw.items() if k!="kernel"})
    c = np.linalg.cond(K + lam*np.eye(n))
    P = KernelRidge(alpha=lam, **kw).fit(X, Y).predict(T)
    print(name, "lambda", lam, "cond(K+lambda I) = %.3g" % c)
    for row in P: print("{" + ", ".join(repr(float(v)) for v in row) + "},")
