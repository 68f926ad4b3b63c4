package org.mlmp.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.mlmp.io.ModelFile;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every trainer of mlmp satisfies (after scikit-learn's estimator checks), as checks on a
 * {@link ContractCase}. {@link TrainerContractTest} runs them on the table of every trainer of mlmp-core; the
 * test-jar of mlmp-core ships this class so other modules can run the same checks on their trainers.
 *
 * <ul>
 *   <li>fit mutates neither the configuration nor the data — the data being observed where it lives: the
 *       arrays the caller built the {@link Dataset} from and the Dataset's own buffers, compared bit for
 *       bit before and after fit ({@link TrainerContractTest} proves the check fails for a trainer that
 *       writes into them);
 *   <li>the same seed gives the same model (bitwise: same learned arrays, same outputs);
 *   <li>a wrong feature count at prediction throws, naming both numbers;
 *   <li>NaN in the input is rejected, naming its row and column;
 *   <li>save → load gives identical outputs.
 * </ul>
 */
public final class TrainerContract {
  private TrainerContract() {}

  /**
   * One row of the table: a trainer, the data it fits well, and the model output compared.
   *
   * @param name shown as the test's name
   * @param trainer the configuration under test with this seed (trainers without a seed ignore it)
   * @param data a small data set the trainer fits well, with at least 2 features and 10 rows
   * @param output the model's output for x (predictions, decision values, transformed data, ...)
   * @param <M> the fitted model type
   */
  public record ContractCase<M extends Model>(String name, LongFunction<Trainer<M>> trainer, Supplier<Dataset> data,
      BiFunction<M, INDArray, INDArray> output) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** fit changes neither the configuration (equal to a fresh one) nor any bit of the data. */
  public static <M extends Model> void fitMutatesNeitherConfigurationNorData(ContractCase<M> c) {
    Trainer<M> t = c.trainer().apply(7);
    Trainer<M> same = c.trainer().apply(7);
    Dataset source = c.data().get();
    // the caller's arrays, and the Dataset built from them
    INDArray x = source.x(), y = source.y();
    Dataset d = new Dataset(x, y, source.featureNames(), source.targetName());
    Map<String, long[]> before = observed(x, y, d);
    t.fit(d);
    assertEquals(same, t, "fit changed the configuration");
    Map<String, long[]> after = observed(x, y, d);
    for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), "fit changed " + k);
  }

  /** The same seed gives bitwise the same learned arrays and outputs. */
  public static <M extends Model> void sameSeedSameModel(ContractCase<M> c) {
    Dataset d = c.data().get();
    M a = c.trainer().apply(3).fit(d), b = c.trainer().apply(3).fit(d);
    ModelState sa = a.toState(), sb = b.toState();
    assertEquals(sa.arrays().keySet(), sb.arrays().keySet());
    for (String k : sa.arrays().keySet()) {
      assertArrayEquals(bits(sa.arrays().get(k)), bits(sb.arrays().get(k)), "array " + k + " differs");
    }
    assertArrayEquals(bits(c.output().apply(a, d.x())), bits(c.output().apply(b, d.x())));
  }

  /** An input with one feature too many throws, naming both feature counts. */
  public static <M extends Model> void wrongFeatureCountThrowsWithBothNumbers(ContractCase<M> c) {
    Dataset d = c.data().get();
    M m = c.trainer().apply(1).fit(d);
    int p = d.nFeatures();
    INDArray wrong = Nd4j.rand(DataType.DOUBLE, 3, p + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.output().apply(m, wrong));
    assertTrue(e.getMessage().contains(Integer.toString(p)) && e.getMessage().contains(Integer.toString(p + 1)),
        "message should name " + p + " and " + (p + 1) + ": " + e.getMessage());
  }

  /** A NaN at row 2, column 1 of the training data is refused, naming row and column. */
  public static <M extends Model> void nanInInputIsRejectedWithRowAndColumn(ContractCase<M> c) {
    Dataset d = c.data().get();
    INDArray x = d.x();
    x.putScalar(new long[] {2, 1}, Double.NaN);
    Dataset bad = new Dataset(x, d.y(), d.featureNames(), d.targetName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.trainer().apply(1).fit(bad));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("column 1"),
        "message should name row 2 and column 1: " + e.getMessage());
  }

  /** A model saved to {@code dir} and loaded back gives bitwise the same outputs. */
  public static <M extends Model> void saveLoadGivesIdenticalOutputs(ContractCase<M> c, Path dir) throws Exception {
    Dataset d = c.data().get();
    M m = c.trainer().apply(5).fit(d);
    Path f = dir.resolve("model.mlmp");
    ModelFile.save(m, f);
    @SuppressWarnings("unchecked")
    M back = (M) ModelFile.load(f, m.getClass());
    assertArrayEquals(bits(c.output().apply(m, d.x())), bits(c.output().apply(back, d.x())));
  }

  /** The exact bit patterns of an array's values, for bitwise comparison. */
  public static long[] bits(INDArray a) {
    double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) out[i] = Double.doubleToRawLongBits(v[i]);
    return out;
  }

  /**
   * Bits of everything fit could change: the caller's x and y and the arrays the Dataset holds (read
   * through its record fields, since its accessors hand out copies).
   */
  private static Map<String, long[]> observed(INDArray x, INDArray y, Dataset d) {
    Map<String, long[]> out = new LinkedHashMap<>();
    out.put("the caller's x", bits(x));
    if (y != null) out.put("the caller's y", bits(y));
    INDArray dx = held(d, "x"), dy = held(d, "y");
    out.put("the Dataset's x buffer", bits(dx));
    out.put("the Dataset's x shape", dx.shape());
    if (dy != null) out.put("the Dataset's y buffer", bits(dy));
    return out;
  }

  /** The array a Dataset holds in its record component {@code name} (not the copy its accessor returns). */
  static INDArray held(Dataset d, String name) {
    try {
      Field f = Dataset.class.getDeclaredField(name);
      f.setAccessible(true);
      return (INDArray) f.get(d);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read Dataset." + name + " to observe it", e);
    }
  }
}
