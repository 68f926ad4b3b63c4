package org.mlmp.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelPcaTest {
  private static double[] flat(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  @Test
  void linearKernelGivesOrdinaryPca() {
    INDArray x = Nd4j.createFromArray(PcaTest.X);
    KernelPcaModel k = KernelPca.of(Linear.of(), 3).fit(Dataset.of(PcaTest.X, null));
    PcaModel p = Pca.all().fit(Dataset.of(PcaTest.X, null));
    assertArrayEquals(flat(p.transform(x)), flat(k.transform(x)), 1e-10);
    // the eigenvalues of the centred Gram matrix are (N−1) times the explained variances
    double[] ev = p.explainedVariance();
    for (int q = 0; q < 3; q++) assertEquals((PcaTest.X.length - 1) * ev[q], k.eigenvalues()[q], 1e-10);
    INDArray other = Nd4j.createFromArray(new double[][] {{0, -2, 3}, {1, 1, 1}});
    assertArrayEquals(flat(p.transform(other)), flat(k.transform(other)), 1e-10, "new points too");
  }

  @Test
  void gaussianKernelMatchesScikitLearn() {
    // scikit-learn 1.2.1: KernelPCA(n_components=2, kernel="rbf", gamma=1/(2*1.5**2), eigen_solver="dense").fit(X)
    // with X of PcaTest: eigenvalues_, transform(X)[:2], transform([[0, -2, 3]])
    KernelPcaModel k = KernelPca.of(Gaussian.of(1.5), 2).fit(Dataset.of(PcaTest.X, null));
    assertArrayEquals(new double[] {1.595471403665769, 1.3656679733843398}, k.eigenvalues(), 1e-12);
    INDArray z = k.transform(Nd4j.createFromArray(new double[][] {PcaTest.X[0], PcaTest.X[1], {0, -2, 3}}));
    assertArrayEquals(new double[] {-0.28704469248576947, -0.2426789347615202, 0.5538743814052519,
        -0.16031813773557846, 0.1555807102011958, -0.45501581278304587}, flat(z), 1e-10);
  }

  @Test
  void badInputsAreExplained() {
    assertEquals("The 'components' parameter of KernelPca must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> KernelPca.of(Linear.of(), 0)).getMessage());
    assertEquals("The 'components' parameter of KernelPca must be <= nSamples = 10. Got 11 instead.",
        assertThrows(IllegalArgumentException.class,
            () -> KernelPca.of(Linear.of(), 11).fit(Dataset.of(PcaTest.X, null))).getMessage());
    String msg = assertThrows(IllegalArgumentException.class,
        () -> KernelPca.of(Linear.of(), 4).fit(Dataset.of(PcaTest.X, null))).getMessage();
    assertTrue(msg.contains("the data span only 3 directions") && msg.contains("Lower 'components' to at most 3."), msg);
  }
}
