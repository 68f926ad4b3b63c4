"""Reference values of MetricsTest, computed with Debian 12's /usr/bin/python3 and python3-sklearn 1.2.1:
   /usr/bin/python3 metrics_reference.py   (prints the numbers written into MetricsTest.java)"""
import numpy as np
import sklearn
from sklearn import metrics

print("scikit-learn", sklearn.__version__, "numpy", np.__version__)
y = np.array([3.0, -0.5, 2.0, 7.0])
p = np.array([2.5, 0.0, 2.0, 8.0])
print("mae", repr(metrics.mean_absolute_error(y, p)))
print("rmse", repr(metrics.mean_squared_error(y, p, squared=False)))
print("r2", repr(metrics.r2_score(y, p)))

yc = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
pc = np.array([0, 0, 1, 1, 2, 2, 2, 0, 2])
print("accuracy", repr(metrics.accuracy_score(yc, pc)))
print("confusion", metrics.confusion_matrix(yc, pc).tolist())
for name, f in [("precision", metrics.precision_score), ("recall", metrics.recall_score), ("f1", metrics.f1_score)]:
    print(name, [repr(v) for v in f(yc, pc, average=None, zero_division=0)])

# a class (1) that is never predicted and a predicted class (3) that never occurs
yz = np.array([0, 1, 2, 2])
pz = np.array([0, 0, 2, 3])
for name, f in [("precision0", metrics.precision_score), ("recall0", metrics.recall_score), ("f10", metrics.f1_score)]:
    print(name, [repr(v) for v in f(yz, pz, average=None, zero_division=0)])

yl = np.array([0, 2, 1, 2])
probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.25, 0.25, 0.5]])
print("logloss", repr(metrics.log_loss(yl, probs, labels=[0, 1, 2])))
# a true class given probability 0 (clipped to eps = 2.22e-16, rows renormalised)
probs0 = np.array([[1.0, 0.0, 0.0], [0.1, 0.3, 0.6]])
print("logloss-clipped", repr(metrics.log_loss(np.array([1, 2]), probs0, labels=[0, 1, 2])))
# two classes, the probability of the larger label only
print("logloss-binary", repr(metrics.log_loss(np.array([1, 0, 1]), np.array([0.9, 0.2, 0.6]))))
