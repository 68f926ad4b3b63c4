package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Model;
import org.mlmp.cli.Cli;
import org.mlmp.api.Dataset;
import org.mlmp.linear.BestSubset;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.ForwardSelection;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.OrdinaryLeastSquares;
import org.mlmp.linear.Perceptron;
import org.mlmp.linear.Ridge;
import org.slf4j.LoggerFactory;

/**
 * {@code mlmp fit --model ols|gd|ridge|lasso|elastic-net|l0|perceptron|logistic}: the linear family
 * (org.mlmp.linear). {@code --lambda} and {@code --l1-fraction} are the course's λ and a; they and
 * {@code --learning-rate} are required where they apply. Regressors print {@code "coef"} (one per
 * feature, in file order) and {@code "intercept"}; classifiers print {@code "classes"} (the labels as they
 * came, sorted: numbers, or the names of a text target), {@code "coef"} ([nFeatures], or [nClasses][nFeatures] one-vs-rest for more than two classes)
 * and {@code "intercept"} (a number, or one per class). With {@code --standardize}, coefficients are
 * reported for the raw columns; with {@code --standardize --no-intercept} the fit has no intercept in the
 * standardised columns, which is an intercept of −Σ_j mean_j·coef_j for the raw ones (reported as such).
 */
public final class LinearFitPlugin implements FitPlugin {
  private static final String NI = "--no-intercept", ST = "--standardize", L = "--lambda";

  @Override
  public Map<String, ModelInfo> models() {
    Map<String, ModelInfo> m = new LinkedHashMap<>();
    m.put("ols", new ModelInfo("ordinary least squares in closed form (QR / Cholesky)", true, Set.of(NI, ST)));
    m.put("gd", new ModelInfo("least squares by batch gradient descent (requires --learning-rate)", true,
        Set.of("--learning-rate", NI, ST)));
    m.put("ridge", new ModelInfo("ridge regression, C + λ‖w‖² (requires --lambda)", true, Set.of(L, NI, ST)));
    m.put("lasso", new ModelInfo("LASSO, C + λ‖w‖₁ (requires --lambda)", true, Set.of(L, NI, ST)));
    m.put("elastic-net", new ModelInfo("elastic net, C + λ(a‖w‖₁ + (1−a)‖w‖²) (requires --lambda, --l1-fraction)",
        true, Set.of(L, "--l1-fraction", NI, ST)));
    m.put("l0", new ModelInfo("L0, C + λ‖w‖₀: exact best subset up to " + BestSubset.MAX_FEATURES
        + " features, greedy forward selection beyond (requires --lambda)", true, Set.of(L, NI, ST)));
    m.put("perceptron", new ModelInfo("Rosenblatt's perceptron, one-vs-rest for > 2 classes", true, Set.of(NI, ST)));
    m.put("logistic", new ModelInfo("logistic regression, mean log-loss + λ‖w‖² (requires --lambda)", true,
        Set.of(L, NI, ST)));
    return m;
  }

  @Override
  public Fitted fit(FitRequest r, Dataset train) {
    String name = r.model();
    boolean fi = !r.noIntercept(), st = r.standardize();
    Model model = switch (name) {
      case "ols" -> OrdinaryLeastSquares.of().withFitIntercept(fi).withStandardize(st).fit(train);
      case "gd" -> GradientDescent.of(FitRequest.required(r.learningRate(), "--learning-rate", name))
          .withFitIntercept(fi).withStandardize(st).fit(train);
      case "ridge" -> Ridge.of(lambda(r)).withFitIntercept(fi).withStandardize(st).fit(train);
      case "lasso" -> Lasso.of(lambda(r)).withFitIntercept(fi).withStandardize(st).fit(train);
      case "elastic-net" -> ElasticNet.of(lambda(r), FitRequest.required(r.l1Fraction(), "--l1-fraction", name))
          .withFitIntercept(fi).withStandardize(st).fit(train);
      case "l0" -> l0(lambda(r), fi, st, train);
      case "perceptron" -> Perceptron.of(r.seed()).withFitIntercept(fi).withStandardize(st).fit(train);
      case "logistic" -> LogisticRegression.of(lambda(r)).withFitIntercept(fi).withStandardize(st).fit(train);
      default -> throw new IllegalArgumentException("LinearFitPlugin does not know --model " + name + ".");
    };
    ObjectNode json = Cli.object();
    if (model instanceof LinearModel m) {
      ArrayNode c = json.putArray("coef");
      for (double v : m.coef()) c.add(v);
      json.put("intercept", m.intercept());
      if (name.equals("l0")) json.put("method", m.type().equals("linear.best-subset") ? "best-subset" : "forward-selection");
      if (name.equals("gd")) json.put("iterations", m.costHistory().length - 1);
    } else {
      LinearClassifierModel m = (LinearClassifierModel) model;
      json.set("classes", Predictions.labels(m.classLabels()));
      double[][] w = m.coef().toDoubleMatrix();
      double[] b = m.intercept();
      if (w.length == 1) {
        ArrayNode c = json.putArray("coef");
        for (double v : w[0]) c.add(v);
        json.put("intercept", b[0]);
      } else {
        ArrayNode c = json.putArray("coef");
        for (double[] row : w) {
          ArrayNode a = c.addArray();
          for (double v : row) a.add(v);
        }
        ArrayNode i = json.putArray("intercept");
        for (double v : b) i.add(v);
      }
    }
    return new Fitted(model, json);
  }

  private static double lambda(FitRequest r) {
    return FitRequest.required(r.lambda(), "--lambda", r.model());
  }

  private static Model l0(double lambda, boolean fi, boolean st, Dataset train) {
    if (train.nFeatures() <= BestSubset.MAX_FEATURES) return BestSubset.of(lambda).withFitIntercept(fi)
        .withStandardize(st).fit(train);
    LoggerFactory.getLogger(LinearFitPlugin.class).info("l0: {} features > {}, using greedy forward selection"
        + " (approximate) instead of exact best subset", train.nFeatures(), BestSubset.MAX_FEATURES);
    return ForwardSelection.of(lambda).withFitIntercept(fi).withStandardize(st).fit(train);
  }

  @Override
  public void predict(Fitted fitted, Dataset x, ObjectNode json) {
    Predictions.put(fitted.model(), x.x(), json);
  }

  /** A class label as written in the CSV: an integer when it is one, else the double. */
  static void addLabel(ArrayNode a, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) a.add((long) v);
    else a.add(v);
  }
}
