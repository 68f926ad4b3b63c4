package org.mlmp.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.data.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.io.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every trainer of mlmp satisfies (after scikit-learn's estimator checks). Extend it in a
 * test class of the model family and implement the three hooks; the test-jar of mlmp-core ships it.
 *
 * <ul>
 *   <li>fit mutates neither the configuration nor the data;
 *   <li>the same seed gives the same model (bitwise: same learned arrays, same predictions);
 *   <li>a wrong feature count at prediction throws, naming both numbers;
 *   <li>NaN in the input is rejected, naming its row and column;
 *   <li>save → load gives identical predictions.
 * </ul>
 *
 * @param <M> the fitted model type
 */
public abstract class TrainerContract<M extends Model> {
  /** The configuration under test, with this seed (ignore the seed if the trainer has none). */
  protected abstract Trainer<M> trainer(long seed);

  /** A small data set the trainer fits well, with at least 2 features and 10 rows. */
  protected abstract Dataset data();

  /** The model's output for x (predictions, decision values, transformed data, ...). */
  protected abstract INDArray output(M model, INDArray x);

  @Test
  void fitMutatesNeitherConfigurationNorData() {
    Trainer<M> t = trainer(7);
    Trainer<M> same = trainer(7);
    Dataset d = data();
    INDArray x0 = d.x(), y0 = d.y();
    t.fit(d);
    assertEquals(same, t, "fit changed the configuration");
    assertEquals(x0, d.x(), "fit changed x");
    if (y0 != null) assertEquals(y0, d.y(), "fit changed y");
  }

  @Test
  void sameSeedSameModel() {
    Dataset d = data();
    M a = trainer(3).fit(d), b = trainer(3).fit(d);
    ModelState sa = a.toState(), sb = b.toState();
    assertEquals(sa.arrays().keySet(), sb.arrays().keySet());
    for (String k : sa.arrays().keySet()) {
      assertArrayEquals(bits(sa.arrays().get(k)), bits(sb.arrays().get(k)), "array " + k + " differs");
    }
    assertArrayEquals(bits(output(a, d.x())), bits(output(b, d.x())));
  }

  @Test
  void wrongFeatureCountThrowsWithBothNumbers() {
    Dataset d = data();
    M m = trainer(1).fit(d);
    int p = d.nFeatures();
    INDArray wrong = org.nd4j.linalg.factory.Nd4j.rand(DataType.DOUBLE, 3, p + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> output(m, wrong));
    assertTrue(e.getMessage().contains(Integer.toString(p)) && e.getMessage().contains(Integer.toString(p + 1)),
        "message should name " + p + " and " + (p + 1) + ": " + e.getMessage());
  }

  @Test
  void nanInInputIsRejectedWithRowAndColumn() {
    Dataset d = data();
    INDArray x = d.x();
    x.putScalar(new long[] {2, 1}, Double.NaN);
    Dataset bad = new Dataset(x, d.y(), d.featureNames(), d.targetName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(1).fit(bad));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("column 1"),
        "message should name row 2 and column 1: " + e.getMessage());
  }

  @Test
  void saveLoadGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
    Dataset d = data();
    M m = trainer(5).fit(d);
    Path f = dir.resolve("model.mlmp");
    ModelFile.save(m, f);
    @SuppressWarnings("unchecked")
    M back = (M) ModelFile.load(f, m.getClass());
    assertArrayEquals(bits(output(m, d.x())), bits(output(back, d.x())));
  }

  /** The exact bit patterns of an array's values, for bitwise comparison. */
  protected static long[] bits(INDArray a) {
    double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) out[i] = Double.doubleToRawLongBits(v[i]);
    return out;
  }
}
