package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mlmp.nn.Activation;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm against PyTorch 1.13.0 (CPU, float64): {@code nn.BatchNorm2d(2, eps=1e-5, momentum=0.1)} with
 * γ = (1.5, 0.5), β = (0.1, −0.2), then flatten and x·W + b, cost ½Σ(out − y)²/3. Script (run with
 * Debian's /usr/bin/python3):
 * <pre>
 * x = torch.tensor([[[[1.,2.],[0.,-1.]],[[0.5,0.25],[3.,1.]]], [[[2.,-2.],[1.,0.]],[[-1.,2.],[0.,0.5]]],
 *                   [[[0.,1.],[3.,2.]],[[1.5,-0.5],[2.,1.]]]], dtype=torch.float64)
 * y = torch.tensor([[1.,0.],[0.,1.],[0.5,-0.5]], dtype=torch.float64)
 * bn = torch.nn.BatchNorm2d(2, eps=1e-5, momentum=0.1).double()   # weight, bias set as above
 * w = torch.tensor([[0.1*((i*2+j)%5)-0.2 for j in range(2)] for i in range(8)], dtype=torch.float64)
 * b = torch.tensor([0.05, -0.05], dtype=torch.float64)
 * bn.train(); h = bn(x); loss = 0.5*((h.flatten(1) @ w + b - y)**2).sum()/3; loss.backward()
 * print(h.flatten(), loss, bn.weight.grad, bn.bias.grad, w.grad.flatten(), bn.running_mean, bn.running_var)
 * bn.eval(); print(bn(x).flatten())
 * </pre>
 * Tolerance 1e-8: PyTorch's CPU kernel is not exact in double precision — its eval output for x = 2 in
 * channel 0, 2.8502710166047374, implies ε ≈ 9.9988e-6 instead of 1e-5, while numpy's
 * (2 − 0.075)/√(1.1022727272727273 + 1e-5)·1.5 + 0.1 = 2.8502710151146213 is what mlmp computes.
 */
class BatchNormReferenceTest {
  static final double[] X = {1, 2, 0, -1, 0.5, 0.25, 3, 1, 2, -2, 1, 0, -1, 2, 0, 0.5, 0, 1, 3, 2, 1.5, -0.5, 2, 1};
  static final double[] Y = {1, 0, 0, 1, 0.5, -0.5};
  static final double[] TRAIN_OUT = {0.3753947864664421, 1.476973926371746, -0.7261843534388618, -1.8277634933441655,
      -0.36217644742804866, -0.4766539376265073, 0.7825984545565381, -0.1332214670311313, 1.476973926371746,
      -2.9293426332494694, 0.3753947864664421, -0.7261843534388618, -1.0490413886188006, 0.32468849376270337,
      -0.591131427824966, -0.36217644742804866, -0.7261843534388618, 0.3753947864664421, 2.57855306627705,
      1.476973926371746, 0.09573351336578603, -0.8200864082218833, 0.32468849376270337, -0.1332214670311313};
  static final double TOL = 1e-8;
  static final double LOSS = 0.7360308487897497;
  /** dγ (2), dβ (2), dW (16, row-major [8, 2]). */
  static final double[] D_GAMMA = {0.23832007024884097, 0.35142426306744895};
  static final double[] D_BETA = {0.12312300919237079, -0.036161623937561414};
  static final double[] D_W = {-0.3377677984907384, -0.8973831937947588, -0.1119353060348693, 1.9185862014573614,
      0.3693117788441299, -0.11772809981455648, 0.7676606847913092, 0.36124614005527705, 0.24089142421910129,
      0.5996215863570625, 0.0574910417999785, -0.2955634794347489, -0.1594062708820037, 0.45026889042650525,
      0.07412133241252777, 0.19489149186475568};
  static final double[] RUNNING = {0.07500000000000001, 0.08541666666666667, 1.1022727272727273, 1.0300662878787878};
  static final double[] EVAL_OUT = {1.4215588009607782, 2.8502710166047374, -0.00715341468318083, -1.43586563032714,
      0.004242981725538247, -0.11891861709201179, 1.2358589699010387, 0.2505661793606383, 2.8502710166047374,
      -2.864577845971099, 1.4215588009607782, -0.00715341468318083, -0.734726611179762, 0.7432125746308385,
      -0.24208021590956183, 0.004242981725538247, -0.00715341468318083, 1.4215588009607782, 4.278983232248697,
      2.8502710166047374, 0.49688937699573843, -0.4884034135446619, 0.7432125746308385, 0.2505661793606383};

  static final Network NET = Network.of(Shape.image(2, 2, 2), Loss.SQUARED_ERROR, BatchNorm.of(Activation.IDENTITY), Flatten.of(), Dense.of(2, Activation.IDENTITY));

  static double[] parameters() {
    double[] p = new double[4 + 16 + 2];
    p[0] = 1.5;
    p[1] = 0.5;
    p[2] = 0.1;
    p[3] = -0.2;
    for (int i = 0; i < 8; i++) for (int j = 0; j < 2; j++) p[4 + 2 * i + j] = 0.1 * ((i * 2 + j) % 5) - 0.2;
    p[20] = 0.05;
    p[21] = -0.05;
    return p;
  }

  static double[] slice(double[] a, int from, int n) {
    return java.util.Arrays.copyOfRange(a, from, from + n);
  }

  @Test
  void trainingStepMatchesPyTorch() {
    Program p = new Program(org.mlmp.nn.EngineAccess.blueprint(NET), DataType.DOUBLE);
    p.setParameters(parameters());
    assertArrayEquals(new double[] {0, 0, 1, 1}, p.statistics().toDoubleVector(), "initial running mean 0, variance 1");
    Plan plan = p.plan(3);
    plan.input().assign(Nd4j.createFromArray(X).reshape(3, 8));
    plan.target().assign(Nd4j.createFromArray(Y).reshape(3, 2));
    plan.forward(true, 0);
    assertArrayEquals(TRAIN_OUT, plan.activation(0).dup().data().asDouble(), TOL);
    assertEquals(LOSS, plan.loss(), TOL);
    plan.backward();
    double[] g = p.grads().toDoubleVector();
    assertArrayEquals(D_GAMMA, slice(g, 0, 2), TOL);
    assertArrayEquals(D_BETA, slice(g, 2, 2), TOL);
    assertArrayEquals(D_W, slice(g, 4, 16), TOL);
    assertArrayEquals(RUNNING, p.statistics().toDoubleVector(), 1e-14);
    plan.forward(false, 0);
    assertArrayEquals(EVAL_OUT, plan.activation(0).dup().data().asDouble(), TOL);
  }

  @Test
  void predictionUsesRunningStatisticsSoEachRowIsIndependent() {
    Program p = new Program(org.mlmp.nn.EngineAccess.blueprint(NET), DataType.DOUBLE);
    p.setParameters(parameters());
    p.setStatistics(Nd4j.createFromArray(RUNNING));
    Plan three = p.plan(3), one = p.plan(1);
    three.input().assign(Nd4j.createFromArray(X).reshape(3, 8));
    three.forward(false, 0);
    one.input().assign(Nd4j.createFromArray(slice(X, 8, 8)).reshape(1, 8));
    one.forward(false, 0);
    assertArrayEquals(slice(EVAL_OUT, 8, 8), one.activation(0).dup().data().asDouble(), TOL);
    assertArrayEquals(slice(three.output().dup().data().asDouble(), 2, 2), one.output().dup().data().asDouble(), TOL);
    assertArrayEquals(RUNNING, p.statistics().toDoubleVector(), 0.0, "prediction leaves the running statistics alone");
  }
}
