package org.mlmp.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mlmp.api.Dataset;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.data.Partition;
import org.mlmp.io.ConfigJson;

/**
 * k-fold cross-validation of a grid of configurations of <em>any</em> {@link Trainer}: every configuration
 * is fitted on the other folds and scored on each held-out fold, and the configuration with the best mean
 * score wins (the first on ties; scikit-learn's {@code GridSearchCV} with {@code refit} done by
 * {@link #refit}).
 *
 * <p><b>Units of work.</b> The search is a list of independent tasks ({@link CvTask}: configuration index
 * c, fold index f), c-major: (0,0), (0,1), …, (0,k−1), (1,0), …. A task's result ({@link FoldScore})
 * depends only on this search (which travels as JSON: {@link #toJson()}, {@link #fromJson}), the data
 * and (c, f), never on which tasks ran before or where — so a distributed runner (mlmp-spark) that runs
 * {@link #evaluate(CvTask, Dataset)} once per task and hands the scores to {@link #summarize} gets
 * exactly the result of the sequential {@link #run}.
 *
 * <p><b>Folds.</b> {@link Partition#kFold}{@code (n, folds, seed)}: the rows shuffled with {@code seed}
 * and cut into k folds whose sizes differ by at most one (not stratified, as the λ searches
 * {@code KernelRidgeSearch} and {@code SvmSearch}, which use the same folds for the same seed).
 *
 * <p><b>Seeds.</b> A configuration with a seed (a {@code long} record component named {@code seed}, at any
 * depth: {@code NeuralNet}, {@code GradientDescent}, {@code Perceptron}, {@code KMeans},
 * {@code GaussianMixture}, ...) is fitted in task (c, f) with the seed {@link #taskSeed}{@code (seed, c, f)}
 * in place of its own, so that the folds of one configuration draw independent random numbers and a task's
 * random numbers do not depend on the order tasks run in. {@link #refit} fits the configuration exactly
 * as listed, with its own seed.
 *
 * <p><b>Scores.</b> Per configuration the mean and the population standard deviation over the folds (as
 * {@code GridSearchCV}'s {@code mean_test_score} / {@code std_test_score}, and as {@code KernelRidgeSearch}),
 * with the per-fold scores. The scoring is the {@link Scoring} given, or when none is given each fitted
 * model's family default ({@link Scoring#defaultFor}: RMSE for regressors, accuracy for classifiers,
 * log-likelihood for density models). A fit that throws stops the search with the configuration and fold
 * named.
 *
 * @param configurations the grid: trainers to compare (e.g. {@code withLambda} copies, or {@link Grid#expand}),
 *     at least one
 * @param folds k, the number of folds, at least 2 (and at most the number of rows)
 * @param seed the fold shuffle's seed and the base of every task's seed
 * @param scoring the scoring, or null for each family's default
 */
public record GridSearch(List<Trainer<?>> configurations, int folds, long seed, Scoring scoring) {
  /** The golden-ratio increment of SplitMix64, 2⁶⁴/φ. */
  private static final long GOLDEN_GAMMA = org.mlmp.api.Seeds.GAMMA;

  /**
   * Validates the search.
   *
   * @param configurations the grid: trainers to compare (e.g. {@code withLambda} copies, or {@link Grid#expand}),
   *     at least one
   * @param folds k, the number of folds, at least 2 (and at most the number of rows)
   * @param seed the fold shuffle's seed and the base of every task's seed
   * @param scoring the scoring, or null for each family's default
   * @throws IllegalArgumentException for an empty grid, a null configuration, or {@code folds < 2}
   */
  public GridSearch {
    if (configurations == null || configurations.isEmpty()) {
      throw new IllegalArgumentException("The 'configurations' parameter of GridSearch must hold at least one trainer."
          + " Got " + (configurations == null ? "null" : "an empty list") + " instead; give e.g. List.of(Ridge.of(0.1),"
          + " Ridge.of(1.0)) or Grid.expand(trainer, \"lambda=0.1,1,10\").");
    }
    for (int i = 0; i < configurations.size(); i++) {
      if (configurations.get(i) == null) {
        throw new IllegalArgumentException("Configuration " + i + " of the GridSearch is null; every entry must be a"
            + " trainer.");
      }
    }
    configurations = List.copyOf(configurations);
    if (folds < 2) {
      throw new IllegalArgumentException("The 'folds' parameter of GridSearch must be >= 2 (each row is held out by"
          + " one of k >= 2 folds). Got " + folds + " instead; 5 or 10 are usual.");
    }
  }

  /**
   * A search scored by each family's default ({@link Scoring#defaultFor}).
   *
   * @param configurations the trainers to compare, at least one
   * @param folds k >= 2
   * @param seed the fold shuffle's seed and the base of the task seeds
   * @return the search
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static GridSearch of(List<? extends Trainer<?>> configurations, int folds, long seed) {
    return new GridSearch(configurations == null ? null : new ArrayList<>(configurations), folds, seed, null);
  }

  /**
   * A copy with another scoring.
   *
   * @param newScoring the scoring, or null for each family's default
   * @return the copy
   */
  public GridSearch withScoring(Scoring newScoring) {
    return new GridSearch(configurations, folds, seed, newScoring);
  }

  /**
   * The units of work, c-major: (0,0), (0,1), …, (0,k−1), (1,0), ….
   *
   * @return configurations × folds tasks
   */
  public List<CvTask> tasks() {
    List<CvTask> out = new ArrayList<>(configurations.size() * folds);
    for (int c = 0; c < configurations.size(); c++) {
      for (int f = 0; f < folds; f++) out.add(new CvTask(c, f));
    }
    return out;
  }

  /**
   * The fold assignment of {@code data}: {@link Partition#kFold}{@code (nSamples, folds, seed)}.
   *
   * @param data the data set searched
   * @return k folds, each with its training and validation row indices
   * @throws IllegalArgumentException if the data have fewer rows than folds, naming both
   */
  public List<Partition.Fold> folds(Dataset data) {
    Objects.requireNonNull(data, "GridSearch: the data set must not be null.");
    if (folds > data.nSamples()) {
      throw new IllegalArgumentException("GridSearch: folds = " + folds + " is more than the " + data.nSamples()
          + " rows of the data set; use folds <= " + data.nSamples() + " (every fold needs a row to hold out).");
    }
    return Partition.kFold(data.nSamples(), folds, seed);
  }

  /**
   * Runs one task: fits configuration c, with the seed {@link #taskSeed}{@code (seed, c, f)} if it has one,
   * on the rows outside fold f and scores it on the rows of fold f.
   *
   * @param task (configuration index, fold index)
   * @param data the whole data set (the same for every task)
   * @return the score of the task
   * @throws IllegalArgumentException for a task outside the grid, too few rows, a scoring that does not fit the
   *     model's family, or a fit that fails (configuration and fold named)
   */
  public FoldScore evaluate(CvTask task, Dataset data) {
    checkTask(task);
    return evaluate(task, data, folds(data).get(task.fold()));
  }

  /**
   * {@link #evaluate(CvTask, Dataset)} with the task's fold given (taken from {@link #folds(Dataset)} once for
   * many tasks).
   *
   * @param task (configuration index, fold index)
   * @param data the whole data set
   * @param fold {@code folds(data).get(task.fold())}
   * @return the score of the task
   * @throws IllegalArgumentException as {@link #evaluate(CvTask, Dataset)}
   */
  public FoldScore evaluate(CvTask task, Dataset data, Partition.Fold fold) {
    checkTask(task);
    Trainer<?> configuration = configurations.get(task.configuration());
    long taskSeed = taskSeed(seed, task.configuration(), task.fold());
    Trainer<?> seeded = withSeed(configuration, taskSeed);
    Dataset train = data.rows(fold.train()), validation = data.rows(fold.validation());
    Model model;
    try {
      model = seeded.fit(train);
    } catch (RuntimeException e) {
      String msg = "GridSearch: configuration " + task.configuration() + " (" + configuration + ") failed on fold "
          + task.fold() + " of " + folds + ": " + e.getMessage();
      if (e instanceof IllegalArgumentException) throw new IllegalArgumentException(msg, e);
      throw new IllegalStateException(msg, e);
    }
    Scoring used;
    if (scoring != null) {
      used = scoring;
      if (!used.appliesTo(model)) {
        throw new IllegalArgumentException("GridSearch: the scoring '" + used.label() + "' needs a "
            + used.family().getSimpleName() + ", but configuration " + task.configuration() + " (" + configuration
            + ") fits a " + model.getClass().getSimpleName() + ". Choose a scoring of its family, or none for the"
            + " family's default (" + defaultLabel(model) + ").");
      }
    } else {
      used = Scoring.defaultFor(model);
    }
    return new FoldScore(task.configuration(), task.fold(), taskSeed, used, used.score(model, validation));
  }

  /**
   * Combines the scores of all tasks, in any order, into the result: per configuration the folds' scores in
   * fold order, their mean and population standard deviation, and the best configuration (best mean under the
   * scoring's direction; the first on ties; a NaN mean never wins).
   *
   * @param scores exactly one score per task of {@link #tasks()}
   * @return the result
   * @throws IllegalArgumentException for a missing, duplicated or foreign task, or tasks scored differently
   *     (a grid that mixes families without one explicit scoring)
   */
  public GridSearchResult summarize(Collection<FoldScore> scores) {
    int nc = configurations.size();
    FoldScore[][] byTask = new FoldScore[nc][folds];
    for (FoldScore s : scores) {
      checkTask(new CvTask(s.configuration(), s.fold()));
      if (byTask[s.configuration()][s.fold()] != null) {
        throw new IllegalArgumentException("GridSearch.summarize: task (configuration " + s.configuration() + ", fold "
            + s.fold() + ") was scored twice; give each task's score once.");
      }
      byTask[s.configuration()][s.fold()] = s;
    }
    Scoring used = null;
    int usedBy = -1;
    List<ConfigurationScore> out = new ArrayList<>(nc);
    int best = -1;
    for (int c = 0; c < nc; c++) {
      double[] v = new double[folds];
      for (int f = 0; f < folds; f++) {
        FoldScore s = byTask[c][f];
        if (s == null) {
          throw new IllegalArgumentException("GridSearch.summarize: task (configuration " + c + ", fold " + f
              + ") has no score; every one of the " + nc * folds + " tasks must be run.");
        }
        if (used == null) {
          used = s.scoring();
          usedBy = c;
        } else if (s.scoring() != used) {
          throw new IllegalArgumentException("GridSearch: configuration " + usedBy + " was scored by '" + used.label()
              + "' but configuration " + c + " by '" + s.scoring().label() + "': the grid mixes model families."
              + " Set one scoring for all (withScoring) or search each family separately.");
        }
        v[f] = s.value();
      }
      double mean = 0;
      for (double x : v) mean += x;
      mean /= folds;
      double var = 0;
      for (double x : v) var += (x - mean) * (x - mean);
      ConfigurationScore cs = new ConfigurationScore(c, configurations.get(c), mean, Math.sqrt(var / folds), v);
      out.add(cs);
      if (!Double.isNaN(mean) && (best < 0 || used.isBetter(mean, out.get(best).mean()))) best = c;
    }
    if (best < 0) {
      throw new IllegalStateException("GridSearch: every configuration's mean " + used.label() + " is NaN, so none"
          + " can be chosen; check the data for rows the models cannot score.");
    }
    return new GridSearchResult(out, best, used, folds, seed);
  }

  /**
   * The sequential search: {@link #evaluate} for every task of {@link #tasks()} in order, then
   * {@link #summarize}.
   *
   * @param data the data set: x {@code [n, d]}, targets y unless the scoring is a log-likelihood
   * @return the result
   * @throws IllegalArgumentException as {@link #evaluate(CvTask, Dataset)} and {@link #summarize}
   */
  public GridSearchResult run(Dataset data) {
    List<Partition.Fold> assignment = folds(data);
    List<FoldScore> scores = new ArrayList<>();
    for (CvTask t : tasks()) scores.add(evaluate(t, data, assignment.get(t.fold())));
    return summarize(scores);
  }

  /**
   * Fits the best configuration of {@code result}, exactly as listed in the grid (its own seed), on all of
   * {@code data}.
   *
   * @param result a result of this search
   * @param data the data to fit, usually the data searched
   * @return the fitted model
   * @throws IllegalArgumentException if the result is of a grid of another size
   */
  public Model refit(GridSearchResult result, Dataset data) {
    if (result.scores().size() != configurations.size()) {
      throw new IllegalArgumentException("GridSearch.refit: the result has " + result.scores().size()
          + " configurations, this search " + configurations.size() + "; refit with the search that made it.");
    }
    return configurations.get(result.bestIndex()).fit(data);
  }

  /**
   * The seed of task (c, f): the (f+1)-th output of a SplitMix64 generator seeded with the (c+1)-th output of a
   * SplitMix64 generator seeded with {@code base}. Written out, with
   * mix(z) = SplitMix64's finaliser (z ^= z ≫ 30; z *= 0xBF58476D1CE4E5B9; z ^= z ≫ 27; z *= 0x94D049BB133111EB;
   * z ^= z ≫ 31) and γ = 0x9E3779B97F4A7C15: taskSeed = mix(mix(base + (c+1)γ) + (f+1)γ), in 64-bit wrapping
   * arithmetic (S. Vigna, {@code splitmix64.c}; Java's {@code SplittableRandom}).
   *
   * @param base the search's seed
   * @param configuration the configuration index c >= 0
   * @param fold the fold index f >= 0
   * @return the task's seed
   */
  public static long taskSeed(long base, int configuration, int fold) {
    long z = mix64(base + GOLDEN_GAMMA * (configuration + 1L));
    return mix64(z + GOLDEN_GAMMA * (fold + 1L));
  }

  private static long mix64(long z) {
    return org.mlmp.api.Seeds.mix64(z);
  }

  /**
   * The trainer with {@code newSeed} in every {@code long} record component named {@code seed}, at any depth
   * (e.g. a pipeline's model); a trainer without one is returned as it is. The copy is built through
   * {@link ConfigJson}, so it is validated as any configuration read from JSON.
   *
   * @param <T> the trainer type
   * @param trainer a trainer
   * @param newSeed the seed
   * @return the reseeded copy, or {@code trainer} itself if it has no seed
   * @throws UnsupportedOperationException if the trainer has a seed but cannot be written as JSON (naming why)
   */
  @SuppressWarnings("unchecked")
  public static <T extends Trainer<?>> T withSeed(T trainer, long newSeed) {
    if (!(trainer instanceof Record r) || !hasSeed(r.getClass(), new HashSet<>())) return trainer;
    ObjectNode json = ConfigJson.write(r);
    replaceSeeds(json, newSeed);
    return (T) ConfigJson.read(json, r);
  }

  /** Whether a record type has a {@code long seed} component, itself or in a component's type, at any depth. */
  private static boolean hasSeed(Type type, Set<Class<?>> seen) {
    Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : type instanceof Class<?> c ? c : null;
    if (raw == null || !seen.add(raw)) return false;
    if (raw.isRecord()) {
      for (RecordComponent c : raw.getRecordComponents()) {
        if (c.getName().equals("seed") && c.getType() == long.class) return true;
        if (hasSeed(c.getGenericType(), seen)) return true;
      }
    } else if (raw.isSealed()) {
      for (Class<?> p : raw.getPermittedSubclasses()) if (hasSeed(p, seen)) return true;
    } else if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
      return hasSeed(pt.getActualTypeArguments()[0], seen);
    }
    return false;
  }

  private static void replaceSeeds(JsonNode node, long newSeed) {
    if (node instanceof ObjectNode o) {
      if (o.has("seed") && o.get("seed").isIntegralNumber()) o.put("seed", newSeed);
      o.forEach(child -> replaceSeeds(child, newSeed));
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> replaceSeeds(child, newSeed));
    }
  }

  /**
   * The search as JSON, the form in which it travels to other processes:
   * {@code {"configurations": [{"class": "org.mlmp.linear.Ridge", "config": {...}}, ...], "folds": k,
   * "seed": s, "scoring": "rmse"}} ({@code scoring} absent for each family's default; each config as
   * {@link ConfigJson#writeComplete}).
   *
   * @return a new JSON object
   * @throws UnsupportedOperationException for a configuration that is not a record of configuration data
   *     (naming it)
   */
  public ObjectNode toJson() {
    ObjectNode root = ConfigJson.object();
    ArrayNode list = root.putArray("configurations");
    for (int i = 0; i < configurations.size(); i++) {
      Trainer<?> t = configurations.get(i);
      if (!(t instanceof Record r)) {
        throw new UnsupportedOperationException("GridSearch.toJson: configuration " + i + " is a "
            + t.getClass().getName() + ", not a record, so it cannot travel as JSON; make the trainer a record.");
      }
      ObjectNode entry = list.addObject();
      entry.put("class", t.getClass().getName());
      entry.set("config", ConfigJson.writeComplete(r));
    }
    root.put("folds", folds);
    root.put("seed", seed);
    if (scoring != null) root.put("scoring", scoring.label());
    return root;
  }

  /**
   * Reads a search written by {@link #toJson()}; each configuration is built through its record's canonical
   * constructor (so validated), its class loaded by the thread's context class loader, else mlmp's.
   *
   * @param json the object {@link #toJson()} wrote
   * @return the search, equal to the one written
   * @throws IllegalArgumentException for a malformed document, a class that is not a trainer record, or a
   *     configuration its constructor refuses
   */
  public static GridSearch fromJson(JsonNode json) {
    if (json == null || !json.path("configurations").isArray() || !json.path("folds").isInt()
        || !json.path("seed").isIntegralNumber()) {
      throw new IllegalArgumentException("GridSearch.fromJson needs an object with 'configurations' (an array),"
          + " 'folds' (an int) and 'seed' (an integer), as GridSearch.toJson writes. Got " + json + " instead.");
    }
    List<Trainer<?>> list = new ArrayList<>();
    for (JsonNode entry : json.path("configurations")) {
      list.add(trainerOf(entry.path("class").asText(), entry.path("config"), list.size()));
    }
    Scoring s = json.hasNonNull("scoring") ? Scoring.parse(json.get("scoring").asText()) : null;
    return new GridSearch(list, json.get("folds").intValue(), json.get("seed").longValue(), s);
  }

  @SuppressWarnings("unchecked")
  private static Trainer<?> trainerOf(String className, JsonNode config, int index) {
    Class<?> c = null;
    for (ClassLoader l : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
        GridSearch.class.getClassLoader()}) {
      if (l == null || c != null) continue;
      try {
        c = Class.forName(className, false, l);
      } catch (ClassNotFoundException e) {
        // try the next loader
      }
    }
    if (c == null) {
      throw new IllegalArgumentException("GridSearch.fromJson: configuration " + index + " names the class '"
          + className + "', which is not on the class path.");
    }
    if (!c.isRecord() || !Trainer.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException("GridSearch.fromJson: configuration " + index + " names " + className
          + ", which is not a trainer record (a record implementing org.mlmp.api.Trainer).");
    }
    return (Trainer<?>) ConfigJson.readAbsentAsNull(config, (Class<? extends Record>) c);
  }

  private void checkTask(CvTask task) {
    Objects.requireNonNull(task, "GridSearch: the task must not be null.");
    if (task.configuration() >= configurations.size() || task.fold() >= folds) {
      throw new IllegalArgumentException("GridSearch: task (configuration " + task.configuration() + ", fold "
          + task.fold() + ") is outside this search of " + configurations.size() + " configurations × " + folds
          + " folds.");
    }
  }

  private static String defaultLabel(Model model) {
    try {
      return Scoring.defaultFor(model).label();
    } catch (IllegalArgumentException none) {
      return "none: " + none.getMessage();
    }
  }
}
