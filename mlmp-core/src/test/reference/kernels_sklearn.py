import numpy as np, sklearn
from sklearn.metrics.pairwise import rbf_kernel, laplacian_kernel, polynomial_kernel, linear_kernel
X = np.array([[0.1, -0.4, 1.3], [0.7, 0.2, -0.5], [-1.1, 0.9, 0.3], [0.0, 0.5, 0.8], [1.4, -0.6, 0.2]])
Y = np.array([[0.3, 0.1, 0.4], [-0.2, -0.7, 1.0], [1.0, 1.0, -1.0], [0.5, -0.3, 0.6]])
s = 0.8
np.set_printoptions(precision=17)
print(sklearn.__version__)
for name, K in [("rbf sigma=0.8 gamma=1/(2*0.64)", rbf_kernel(X, Y, gamma=1/(2*s*s))),
                ("laplacian sigma=0.8 gamma=1/0.8", laplacian_kernel(X, Y, gamma=1/s)),
                ("poly degree=3 gamma=1 coef0=0.5", polynomial_kernel(X, Y, degree=3, gamma=1, coef0=0.5)),
                ("linear", linear_kernel(X, Y))]:
    print(name)
    for row in K: print("{" + ", ".join(repr(float(v)) for v in row) + "},")
