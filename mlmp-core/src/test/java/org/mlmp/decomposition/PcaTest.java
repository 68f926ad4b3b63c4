package org.mlmp.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class PcaTest {
  // scikit-learn 1.2.1 / numpy 1.24.2 (/usr/bin/python3):
  //   rng = np.random.default_rng(7)
  //   X = np.round(rng.normal(size=(10,3)) @ [[2,0.5,0],[0,1,0.3],[0,0,0.2]] + [1,-2,3], 3)
  //   p = PCA().fit(X): components_, explained_variance_, explained_variance_ratio_, singular_values_,
  //   p.transform(X)[:2];  PCA(n_components=2, whiten=True).fit(X).transform(X)[:2]
  public static final double[][] X = {{1.002, -1.701, 3.035}, {-0.781, -2.9, 2.665}, {1.12, -0.63, 3.304},
      {-0.241, -1.82, 3.218}, {1.211, -2.878, 2.715}, {2.391, -2.997, 2.505}, {-2.802, -4.24, 2.245},
      {0.53, -3.385, 2.674}, {1.314, -2.109, 2.441}, {-0.077, -2.318, 3.008}};

  private static double[] flat(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  @Test
  void matchesScikitLearn() {
    PcaModel m = Pca.all().fit(Dataset.of(X, null));
    double[][] components = {{-0.8848153354751449, -0.45459501540919667, -0.10220173224128286},
        {0.46279656409563186, -0.8319971979204579, -0.305941175577568},
        {-0.054047778578628046, 0.31800005443021356, -0.9465488909787475}};
    for (int k = 0; k < 3; k++) assertArrayEquals(components[k], m.components().getRow(k).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {2.4430536019804547, 0.7340858974295985, 0.029864911701059038},
        m.explainedVariance(), 1e-12);
    assertArrayEquals(new double[] {0.7617867919096576, 0.22890080689825557, 0.009312401192086891},
        m.explainedVarianceRatio(), 1e-12);
    assertArrayEquals(new double[] {4.689081191216899, 2.5703643860095764, 0.5184440233135409}, m.singularValues(), 1e-12);
    INDArray z = m.transform(Nd4j.createFromArray(new double[][] {X[0], X[1]}));
    assertArrayEquals(new double[] {-0.9503037308946936, -0.4466297687297689, -0.021377528669610325},
        z.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {1.2101960766623912, -0.16103316724195132, 0.04393068493639415},
        z.getRow(1).toDoubleVector(), 1e-12);
  }

  @Test
  void whiteningMatchesScikitLearnAndGivesUnitVariance() {
    PcaModel m = Pca.of(2).withWhiten(true).fit(Dataset.of(X, null));
    INDArray z = m.transform(Nd4j.createFromArray(X));
    assertArrayEquals(new double[] {-0.6079893003397152, -0.52128379675749}, z.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {0.7742643136117189, -0.18794981145683137}, z.getRow(1).toDoubleVector(), 1e-12);
    // sample covariance (1/(N−1)) ZᵀZ of whitened scores is the identity
    double[][] zz = z.toDoubleMatrix();
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double s = 0;
        for (double[] r : zz) s += r[a] * r[b];
        assertEquals(a == b ? 1 : 0, s / (X.length - 1), 1e-12);
      }
    }
    PcaModel plain = Pca.of(2).fit(Dataset.of(X, null));
    assertArrayEquals(flat(m.inverseTransform(z)), flat(plain.inverseTransform(plain.transform(Nd4j.createFromArray(X)))),
        1e-12, "whitening does not change the reconstruction");
  }

  @Test
  void dataInAPlaneRecoversThePlane() {
    // x = c + s u + t v with u, v spanning a tilted plane in 3-D
    double[] c = {1, -2, 0.5}, u = {1, 2, 2}, v = {2, -2, 1}; // u ⟂ v, normal n = u × v ∝ (6, 3, −6)
    Random r = new Random(3);
    double[][] x = new double[50][3];
    for (int i = 0; i < 50; i++) {
      double s = r.nextGaussian() * 3, t = r.nextGaussian();
      for (int a = 0; a < 3; a++) x[i][a] = c[a] + s * u[a] + t * v[a];
    }
    PcaModel m = Pca.all().fit(Dataset.of(x, null));
    assertEquals(0.0, m.explainedVariance()[2], 1e-12 * m.explainedVariance()[0]);
    assertEquals(1.0, m.explainedVarianceRatio()[0] + m.explainedVarianceRatio()[1], 1e-12);
    double[] normal = {2.0 / 3, 1.0 / 3, -2.0 / 3};
    for (int k = 0; k < 2; k++) {
      double dot = 0;
      for (int a = 0; a < 3; a++) dot += m.components().getDouble(k, a) * normal[a];
      assertEquals(0.0, dot, 1e-12, "component " + k + " lies in the plane");
    }
    double dot = 0;
    for (int a = 0; a < 3; a++) dot += m.components().getDouble(2, a) * normal[a];
    assertEquals(1.0, Math.abs(dot), 1e-12, "the last component is the plane's normal");
    PcaModel two = Pca.of(2).fit(Dataset.of(x, null));
    INDArray xs = Nd4j.createFromArray(x);
    assertArrayEquals(flat(xs), flat(two.inverseTransform(two.transform(xs))), 1e-12,
        "two components reconstruct points of the plane exactly");
  }

  @Test
  void badInputsAreExplained() {
    assertEquals("The 'components' parameter of Pca must be an int >= 0 (0 keeps all). Got -1 instead.",
        assertThrows(IllegalArgumentException.class, () -> new Pca(-1, false)).getMessage());
    assertEquals("The 'components' parameter of Pca must be between 0 and min(nSamples, nFeatures) = 3. Got 4 instead.",
        assertThrows(IllegalArgumentException.class, () -> Pca.of(4).fit(Dataset.of(X, null))).getMessage());
    assertEquals("Pca needs at least 2 samples to estimate a variance. Got 1.", assertThrows(
        IllegalArgumentException.class, () -> Pca.all().fit(Dataset.of(new double[][] {{1, 2}}, null))).getMessage());
    PcaModel m = Pca.of(2).fit(Dataset.of(X, null));
    assertEquals("z has 3 columns, but PcaModel has 2 components.", assertThrows(IllegalArgumentException.class,
        () -> m.inverseTransform(Nd4j.createFromArray(X))).getMessage());
  }
}
