package org.mlmp.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Dataset;
import org.mlmp.selection.CvTask;
import org.mlmp.selection.FoldScore;
import org.mlmp.selection.GridSearch;
import org.mlmp.selection.GridSearchResult;
import org.mlmp.selection.Scoring;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link GridSearch} run on Spark: one Spark task per (configuration, fold), the result equal, score for score and
 * bit for bit, to the sequential {@link GridSearch#run}.
 *
 * <p>The data set is broadcast once (x and y as ND4J's byte form, {@link Nd4j#toByteArray}, which keeps their data
 * type, shape and values exactly; the names and class labels beside them). The search travels as its JSON
 * ({@link GridSearch#toJson}, read back by {@link GridSearch#fromJson}), never as Java serialisation. Task t of the
 * c × k tasks is {@link GridSearch#tasks()}{@code .get(t)} = (t / k, t mod k); it runs
 * {@link GridSearch#evaluate(CvTask, Dataset)}, which derives its folds ({@code Partition.kFold(n, k, seed)}) and its
 * seed ({@link GridSearch#taskSeed}) from the search alone, so neither depends on where or in what order tasks run.
 * The driver hands the collected scores to {@link GridSearch#summarize}, which orders them by (configuration, fold)
 * itself; {@link GridSearch#refit} then fits the best configuration on the driver, as sequentially.
 */
public final class SparkGridSearch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkGridSearch() {}

  /**
   * Runs {@code search} on {@code data} with one Spark task per (configuration, fold).
   *
   * @param sc the Spark context
   * @param search the search
   * @param data the data set searched
   * @return the result, equal to {@code search.run(data)}
   * @throws IllegalArgumentException as {@link GridSearch#run} (more folds than rows; a configuration's fit or scoring
   *     refused, configuration and fold named), with the task's own message
   * @throws IllegalStateException for a task's fit that failed otherwise (configuration and fold named)
   */
  public static GridSearchResult run(JavaSparkContext sc, GridSearch search, Dataset data) {
    search.folds(data); // more folds than rows: the sequential search's message, before any job
    String json = search.toJson().toString();
    int k = search.folds();
    int tasks = search.configurations().size() * search.folds();
    List<Integer> indices = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) indices.add(t);
    Broadcast<ShippedData> shared = sc.broadcast(ShippedData.of(data));
    List<TaskScore> collected;
    try {
      collected = sc.parallelize(indices, tasks).map(t -> TaskScore.of(GridSearch.fromJson(JSON.readTree(json))
          .evaluate(new CvTask(t / k, t % k), shared.value().dataset()))).collect();
    } catch (Exception e) { // Spark wraps a task's exception: report the task's own message
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException && String.valueOf(c.getMessage()).startsWith("GridSearch")) {
          throw new IllegalArgumentException(c.getMessage(), e);
        }
        if (c instanceof IllegalStateException && String.valueOf(c.getMessage()).startsWith("GridSearch")) {
          throw new IllegalStateException(c.getMessage(), e);
        }
      }
      if (e instanceof RuntimeException r) throw r;
      throw new IllegalStateException("SparkGridSearch: the Spark job failed: " + e.getMessage(), e);
    } finally {
      shared.destroy();
    }
    List<FoldScore> scores = new ArrayList<>(collected.size());
    for (TaskScore s : collected) scores.add(s.foldScore());
    return search.summarize(scores);
  }

  /**
   * A task's score as plain values (Spark's serialisation moves it without mlmp classes).
   *
   * @param configuration the configuration index
   * @param fold the fold index
   * @param seed the task's seed
   * @param scoring the scoring's label ({@link Scoring#label})
   * @param value the score
   */
  private record TaskScore(int configuration, int fold, long seed, String scoring, double value) implements Serializable {
    static TaskScore of(FoldScore s) {
      return new TaskScore(s.configuration(), s.fold(), s.seed(), s.scoring().label(), s.value());
    }

    FoldScore foldScore() {
      return new FoldScore(configuration, fold, seed, Scoring.parse(scoring), value);
    }
  }

  /**
   * The data set as plain values for the broadcast: x and y in ND4J's byte form (data type, shape and values
   * exact), the names, and the class labels' values and names (null without).
   *
   * @param x {@code Nd4j.toByteArray(x)}
   * @param y {@code Nd4j.toByteArray(y)}, or null
   * @param featureNames the feature names
   * @param targetName the target's name
   * @param classValues the class labels' values, or null
   * @param classNames the class labels' names when they came as text, or null
   */
  private record ShippedData(byte[] x, byte[] y, List<String> featureNames, String targetName, double[] classValues,
      List<String> classNames) implements Serializable {
    static ShippedData of(Dataset d) {
      ClassLabels labels = d.classLabels();
      return new ShippedData(bytes(d.x()), d.y() == null ? null : bytes(d.y()), new ArrayList<>(d.featureNames()),
          d.targetName(), labels == null ? null : labels.values(),
          labels == null || !labels.isText() ? null : new ArrayList<>(labels.names()));
    }

    Dataset dataset() {
      ClassLabels labels = classValues == null ? null
          : classNames == null ? ClassLabels.ofNumbers(classValues) : ClassLabels.of(classValues, classNames);
      return new Dataset(Nd4j.fromByteArray(x), y == null ? null : Nd4j.fromByteArray(y), featureNames, targetName,
          labels);
    }

    private static byte[] bytes(org.nd4j.linalg.api.ndarray.INDArray a) {
      try {
        return Nd4j.toByteArray(a);
      } catch (IOException e) {
        throw new UncheckedIOException("SparkGridSearch: cannot write the data set for the broadcast", e);
      }
    }
  }
}
