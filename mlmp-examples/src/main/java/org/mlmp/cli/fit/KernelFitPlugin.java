package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.mlmp.cli.Cli;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernel.Linear;
import org.mlmp.kernel.Polynomial;
import org.mlmp.api.Regressor;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.NystromKernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;

/**
 * {@code mlmp fit --model krr|svm --kernel linear|polynomial|gaussian|laplacian [--sigma σ] [--degree d]
 * [--coef0 c] [--lambda λ] [--C C] [--tolerance ε]}: kernel ridge regression ((K + λI) a = y) and the soft-margin
 * SVM (--tolerance: LIBSVM's {@code -e}, default 0.001),
 * with the course's kernels (Gaussian exp(−‖x − x'‖²/2σ²), Laplacian exp(−‖x − x'‖₁/σ), polynomial
 * (x·x' + c)^d, --degree required, --coef0 default 1 as scikit-learn). A kernel parameter that the chosen
 * kernel does not have is an error.
 */
public final class KernelFitPlugin implements FitPlugin {
  private static final Set<String> KERNEL_OPTIONS = Set.of("--kernel", "--sigma", "--degree", "--coef0");

  @Override
  public Map<String, ModelInfo> models() {
    return Map.of(
        "krr", new ModelInfo("kernel ridge regression, (K + λI) a = y by Cholesky", true,
            union(KERNEL_OPTIONS, Set.of("--lambda"))),
        "svm", new ModelInfo("soft-margin support vector machine (SMO; one-vs-one for several classes)", true,
            union(KERNEL_OPTIONS, Set.of("--C", "--tolerance"))));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }

  /** The kernel from --kernel and its own parameters; any parameter the kernel does not have is an error. */
  static Kernel kernel(FitRequest r) {
    String name = FitRequest.required(r.kernel(), "--kernel", r.model()).toLowerCase(java.util.Locale.ROOT);
    Set<String> allowed = switch (name) {
      case "linear" -> Set.of();
      case "polynomial" -> Set.of("--degree", "--coef0");
      case "gaussian", "laplacian" -> Set.of("--sigma");
      default -> throw new IllegalArgumentException("--kernel must be one of linear, polynomial, gaussian, laplacian."
          + " Got '" + r.kernel() + "' instead.");
    };
    for (String o : new String[] {"--sigma", "--degree", "--coef0"}) {
      if (r.given().contains(o) && !allowed.contains(o)) {
        throw new IllegalArgumentException(o + " does not apply to --kernel " + name + " (it takes "
            + (allowed.isEmpty() ? "no parameters" : String.join(", ", new java.util.TreeSet<>(allowed))) + ").");
      }
    }
    return switch (name) {
      case "linear" -> Linear.of();
      case "polynomial" -> Polynomial.of(FitRequest.required(r.degree(), "--degree", "--kernel polynomial"), r.coef0() == null ? 1.0 : r.coef0());
      case "gaussian" -> Gaussian.of(FitRequest.required(r.sigma(), "--sigma", "--kernel gaussian"));
      default -> Laplacian.of(FitRequest.required(r.sigma(), "--sigma", "--kernel laplacian"));
    };
  }

  @Override
  public Fitted fit(FitRequest request, Dataset train) {
    return fit(request, train, KernelRidgeTraining.LOCAL);
  }

  /** {@link #fit(FitRequest, Dataset)} with kernel ridge regression fitted by {@code training}. */
  Fitted fit(FitRequest request, Dataset train, KernelRidgeTraining training) {
    Kernel k = kernel(request);
    ObjectNode json = Cli.object();
    json.set("kernel", org.mlmp.io.ConfigJson.writeAny(k));
    if (request.model().equals("krr")) {
      double lambda = FitRequest.required(request.lambda(), "--lambda", "krr");
      Regressor m = training.fit(k, lambda, request.seed(), train);
      json.put("lambda", lambda);
      if (m instanceof NystromKernelRidgeModel n) {
        json.put("landmarks", n.trainer().landmarks());
        putValues(json.putArray("coef"), n.coef());
      } else {
        putValues(json.putArray("dualCoef"), ((KernelRidgeModel) m).dualCoef());
      }
      return new Fitted(m, json);
    }
    double c = FitRequest.required(request.c(), "--C", "svm");
    double tolerance = request.tolerance() == null ? Svm.DEFAULT_TOLERANCE : request.tolerance();
    SvmModel m = Svm.of(k, c).withTolerance(tolerance).fit(train);
    json.put("C", c);
    json.put("tolerance", tolerance);
    if (m.nMachines() == 1) {
      ArrayNode a = json.putArray("dualCoef");
      for (double v : m.dualCoef(0)) a.add(v);
      json.put("intercept", m.intercept(0));
    } else {
      ArrayNode a = json.putArray("dualCoef"), b = json.putArray("intercept"), p = json.putArray("pairs");
      for (int i = 0; i < m.nMachines(); i++) {
        ArrayNode row = a.addArray();
        for (double v : m.dualCoef(i)) row.add(v);
        b.add(m.intercept(i));
        ArrayNode pair = p.addArray();
        for (double v : m.machineClasses(i)) {
          if (m.classLabels().isText()) pair.add(m.classLabels().name(v));
          else pair.add(v);
        }
      }
    }
    ArrayNode si = json.putArray("supportIndices");
    for (int v : m.supportIndices()) si.add(v);
    ArrayNode ns = json.putArray("nSupport");
    for (int v : m.nSupport()) ns.add(v);
    if (m.classLabels().isText()) {
      json.set("classes", Predictions.labels(m.classLabels()));
    } else {
      ArrayNode cl = json.putArray("classes");
      for (double v : m.classes()) cl.add(v);
    }
    return new Fitted(m, json);
  }

  private static void putValues(ArrayNode a, org.nd4j.linalg.api.ndarray.INDArray values) {
    for (double v : values.reshape(values.length()).toDoubleVector()) a.add(v);
  }

  @Override
  public void predict(Fitted fitted, Dataset x, ObjectNode json) {
    ArrayNode p = json.putArray("predictions");
    if (fitted.model() instanceof Regressor m) {
      var pred = m.predict(x.x());
      if (pred.rank() == 1) {
        for (double v : pred.toDoubleVector()) p.add(v);
      } else {
        for (double[] row : pred.toDoubleMatrix()) {
          ArrayNode r = p.addArray();
          for (double v : row) r.add(v);
        }
      }
      return;
    }
    SvmModel m = (SvmModel) fitted.model();
    if (m.classLabels().isText()) {
      for (String label : m.predictLabels(x.x())) p.add(label);
    } else {
      for (double v : m.predict(x.x()).toDoubleVector()) LinearFitPlugin.addLabel(p, v);
    }
    ArrayNode d = json.putArray("decision");
    var dec = m.decisionFunction(x.x());
    if (dec.rank() == 1) {
      for (double v : dec.toDoubleVector()) d.add(v);
    } else {
      for (double[] row : dec.toDoubleMatrix()) {
        ArrayNode r = d.addArray();
        for (double v : row) r.add(v);
      }
    }
  }
}
