package org.mlmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.api.Metrics;
import org.mlmp.api.ModelState;
import org.mlmp.api.Trainer;
import org.mlmp.api.Transform;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.data.Standardization;
import org.mlmp.data.Standardize;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.Ridge;
import org.mlmp.testing.TrainerContract;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Pipeline} and its fitted {@link PipelineModel}: the steps are fitted in order and applied to every input,
 * the file holds them, and bad combinations are refused naming the step. The contract checks of every trainer
 * (mutation, seeds, feature count, NaN, save/load) run on pipelines of several families in
 * {@code TrainerContractTest}.
 */
class PipelineTest {
  private static final int N = 60, TEST = 30;

  /**
   * Three features on very different scales (x0 ~ 1, x1 ~ 100, x2 ~ 0.01) that all matter: a Gaussian kernel of width
   * 1 on the raw columns sees only x1, so scaling changes the model (as it should).
   */
  static double[][] features(int n, int offset) {
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      int k = i + offset;
      x[i] = new double[] {2 * Math.sin(0.9 * k), 100 * Math.cos(0.37 * k + 1), 0.01 * Math.sin(1.7 * k + 0.5)};
    }
    return x;
  }

  static double target(double[] x) {
    return Math.sin(x[0]) + 0.01 * x[1] + 50 * x[2];
  }

  static Dataset regression(int n, int offset) {
    double[][] x = features(n, offset);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = target(x[i]);
    return Dataset.of(x, y);
  }

  static Dataset classes(int n, int offset) {
    double[][] x = features(n, offset);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = target(x[i]) > 0 ? 1 : 0;
    return Dataset.of(x, y);
  }

  @Test
  void kernelRidgeWithStandardisationPredictsTheSameFromItsFileAsInMemoryAndDiffersFromTheUnscaledModel(
      @TempDir Path dir) throws Exception {
    Dataset train = regression(N, 0), test = regression(TEST, 1000);
    KernelRidge krr = KernelRidge.of(Gaussian.of(1.0), 0.05);
    PipelineRegressor p = assertInstanceOf(PipelineRegressor.class, Pipeline.standardized(krr).fit(train));

    // the model is kernel ridge fitted on the standardised training features, applied to standardised inputs
    Standardization s = Standardization.fit(train.x());
    KernelRidgeModel byHand = krr.fit(train.withX(s.transform(train.x())));
    INDArray expected = byHand.predict(s.transform(test.x()));
    assertArrayEquals(TrainerContract.bits(expected), TrainerContract.bits(p.predict(test.x())));

    Path file = dir.resolve("krr.mlmp");
    ModelFile.save(p, file);
    PipelineRegressor back = ModelFile.load(file, PipelineRegressor.class);
    assertArrayEquals(TrainerContract.bits(p.predict(test.x())), TrainerContract.bits(back.predict(test.x())));
    assertArrayEquals(s.mean(), ((Standardization) back.steps().get(0)).mean(), 0);

    // without the scaling the Gaussian kernel sees only x1: other predictions, and worse ones
    INDArray unscaled = krr.fit(train).predict(test.x());
    double scaledMse = Metrics.mse(p.predict(test.x()), test.y()), unscaledMse = Metrics.mse(unscaled, test.y());
    assertTrue(unscaled.sub(p.predict(test.x())).amaxNumber().doubleValue() > 0.1,
        "standardising should change the predictions");
    assertTrue(scaledMse < 0.5 * unscaledMse, "test MSE with standardisation " + scaledMse + " should be well below "
        + unscaledMse + " without");
  }

  @Test
  void svmWithStandardisationPredictsTheSameFromItsFileAsInMemoryAndDiffersFromTheUnscaledModel(@TempDir Path dir)
      throws Exception {
    Dataset train = classes(N, 0), test = classes(TEST, 1000);
    Svm svm = Svm.of(Gaussian.of(1.0), 10.0);
    PipelineClassifier p = assertInstanceOf(PipelineClassifier.class, Pipeline.standardized(svm).fit(train));

    Standardization s = Standardization.fit(train.x());
    SvmModel byHand = svm.fit(train.withX(s.transform(train.x())));
    assertArrayEquals(TrainerContract.bits(byHand.decisionFunction(s.transform(test.x()))),
        TrainerContract.bits(((SvmModel) p.model()).decisionFunction(p.preprocess(test.x()))));
    assertArrayEquals(TrainerContract.bits(byHand.predict(s.transform(test.x()))), TrainerContract.bits(p.predict(test.x())));
    assertArrayEquals(new double[] {0, 1}, p.classes(), 0);

    Path file = dir.resolve("svm.mlmp");
    ModelFile.save(p, file);
    PipelineClassifier back = ModelFile.load(file, PipelineClassifier.class);
    assertArrayEquals(TrainerContract.bits(p.predict(test.x())), TrainerContract.bits(back.predict(test.x())));
    assertArrayEquals(TrainerContract.bits(((SvmModel) p.model()).decisionFunction(p.preprocess(test.x()))),
        TrainerContract.bits(((SvmModel) back.model()).decisionFunction(back.preprocess(test.x()))));

    SvmModel raw = svm.fit(train);
    INDArray rawDecision = raw.decisionFunction(test.x());
    assertTrue(rawDecision.sub(byHand.decisionFunction(s.transform(test.x()))).amaxNumber().doubleValue() > 0.1,
        "standardising should change the decision values");
    double scaled = p.accuracy(test.x(), test.y()), unscaled = raw.accuracy(test.x(), test.y());
    assertTrue(scaled >= 0.8 && scaled > unscaled + 0.1, "test accuracy with standardisation " + scaled
        + " should be high and above " + unscaled + " without");
  }

  @Test
  void aClassifierFittedOnTextLabelsPredictsTheNamesThroughThePipelineAndItsFile(@TempDir Path dir) throws Exception {
    Dataset numeric = classes(N, 0), test = classes(TEST, 1000);
    List<String> names = new ArrayList<>();
    for (double v : numeric.y().toDoubleVector()) names.add(v == 1 ? "high" : "low");
    Dataset train = Dataset.ofLabels(numeric.x().toDoubleMatrix(), names);
    PipelineClassifier p = (PipelineClassifier) Pipeline.standardized(Svm.of(Gaussian.of(1.0), 10.0)).fit(train);
    assertEquals(List.of("high", "low"), p.classLabels().names());
    String[] predicted = p.predictLabels(test.x());
    SvmModel svm = (SvmModel) p.model();
    assertArrayEquals(svm.predictLabels(p.preprocess(test.x())), predicted);
    assertTrue(List.of(predicted).contains("high") && List.of(predicted).contains("low"), List.of(predicted).toString());

    Path file = dir.resolve("named.mlmp");
    ModelFile.save(p, file);
    PipelineClassifier back = ModelFile.load(file, PipelineClassifier.class);
    assertEquals(List.of("high", "low"), back.classLabels().names());
    assertArrayEquals(predicted, back.predictLabels(test.x()));
  }

  @Test
  void stepsAreFittedInOrderEachOnTheOutputOfTheOneBefore() {
    Dataset train = regression(N, 0);
    PipelineRegressor p = (PipelineRegressor) Pipeline.of(List.of(Standardize.of(), Pca.of(2)),
        Ridge.of(0.01)).fit(train);
    assertEquals(2, p.steps().size());
    Standardization s = assertInstanceOf(Standardization.class, p.steps().get(0));
    PcaModel pca = assertInstanceOf(PcaModel.class, p.steps().get(1));
    LinearModel ridge = assertInstanceOf(LinearModel.class, p.model());
    assertEquals(3, p.nFeatures());
    assertEquals(3, pca.nFeatures());
    assertEquals(2, ridge.nFeatures());
    PcaModel pcaByHand = Pca.of(2).fit(train.withX(s.transform(train.x())));
    assertArrayEquals(TrainerContract.bits(pcaByHand.components()), TrainerContract.bits(pca.components()));
    INDArray z = pcaByHand.transform(s.transform(train.x()));
    assertArrayEquals(TrainerContract.bits(z), TrainerContract.bits(p.preprocess(train.x())));
    assertArrayEquals(TrainerContract.bits(Ridge.of(0.01).fit(train.withX(z)).predict(z)),
        TrainerContract.bits(p.predict(train.x())));
    assertThrows(UnsupportedOperationException.class, () -> p.steps().add(s));
  }

  @Test
  void aPipelineEndingInATransformTransformsAndOneEndingInADensityExposesItsModel() {
    Dataset train = Dataset.unlabeled(regression(N, 0).x());
    PipelineTransform t = assertInstanceOf(PipelineTransform.class,
        Pipeline.of(List.of(Standardize.of()), Pca.of(2).withWhiten(true)).fit(train));
    assertEquals(2, t.nOutputFeatures());
    Standardization s = Standardization.fit(train.x());
    PcaModel pca = Pca.of(2).withWhiten(true).fit(train.withX(s.transform(train.x())));
    assertArrayEquals(TrainerContract.bits(pca.transform(s.transform(train.x()))), TrainerContract.bits(t.transform(train.x())));

    PipelineModel g = Pipeline.standardized(GaussianMixture.of(2).withSeed(3)).fit(train);
    assertEquals(PipelineModel.class, g.getClass());
    GaussianMixtureModel gmm = assertInstanceOf(GaussianMixtureModel.class, g.model());
    assertArrayEquals(TrainerContract.bits(GaussianMixture.of(2).withSeed(3).fit(train.withX(s.transform(train.x())))
        .logDensity(s.transform(train.x()))), TrainerContract.bits(gmm.logDensity(g.preprocess(train.x()))));
  }

  @Test
  void aStepThatDoesNotFitWhatTheStepBeforeGivesIsRefusedNamingTheStepTheValueAndTheFix() {
    Pipeline p = Pipeline.of(List.of(Standardize.of(), Pca.of(5)), KernelRidge.of(Gaussian.of(1.0), 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.fit(regression(N, 0)));
    assertEquals("Pipeline step 2 of 3 (Pca[components=5, whiten=false]) cannot be fitted on the output of step 1"
        + " (Standardization: 60 samples x 3 features): The 'components' parameter of Pca must be between 0 and"
        + " min(nSamples, nFeatures) = 3. Got 5 instead. Change that step's parameters to suit 3 features, or the"
        + " steps before it.", e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e.getCause());

    IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.of(List.of(Pca.of(4)), Ridge.of(0.1)).fit(regression(N, 0)));
    assertEquals("Pipeline step 1 of 2 (Pca[components=4, whiten=false]) cannot be fitted on the training data"
        + " (60 samples x 3 features): The 'components' parameter of Pca must be between 0 and min(nSamples, nFeatures)"
        + " = 3. Got 4 instead. Change that step's parameters to suit 3 features.", first.getMessage());
  }

  @Test
  void aModelThatDoesNotFitTheLastStepsOutputIsRefusedNamingItAsTheModel() {
    // Svm on a continuous target: the model's own error, with where in the pipeline it happened
    Pipeline p = Pipeline.of(List.of(Standardize.of(), Pca.of(2)), Svm.of(Gaussian.of(1.0), 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.fit(regression(N, 0)));
    assertTrue(e.getMessage().startsWith("Pipeline step 3 of 3, the model (Svm["), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be fitted on the output of step 2 (PcaModel: 60 samples x 2 features): "
        + e.getCause().getMessage() + " Change that step's parameters to suit 2 features, or the steps before it."),
        e.getMessage());
  }

  @Test
  void withoutStepsAPipelineIsItsModelWithItsOwnMessages() {
    Dataset train = regression(N, 0);
    PipelineRegressor p = (PipelineRegressor) Pipeline.of(List.of(), Ridge.of(0.01)).fit(train);
    assertArrayEquals(TrainerContract.bits(Ridge.of(0.01).fit(train).predict(train.x())),
        TrainerContract.bits(p.predict(train.x())));
    IllegalArgumentException own = assertThrows(IllegalArgumentException.class,
        () -> Svm.of(Gaussian.of(1.0), 1.0).fit(train));
    IllegalArgumentException viaPipeline = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.of(List.of(), Svm.of(Gaussian.of(1.0), 1.0)).fit(train));
    assertEquals(own.getMessage(), viaPipeline.getMessage());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aStepThatDoesNotTransformIsRefusedNamingIt() {
    List raw = new ArrayList<>(List.of(MeanRegressor.of()));
    Pipeline p = Pipeline.of((List<Trainer<? extends Transform>>) raw, Ridge.of(0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.fit(regression(N, 0)));
    assertEquals("Pipeline step 1 of 2 (MeanRegressor[]) fitted a MeanModel, which does not transform features; only"
        + " the last trainer (the 'model') may be such a model. Make it the model, or remove it.", e.getMessage());
  }

  @Test
  void missingPartsAreRefusedByName() {
    assertEquals("The 'steps' parameter of Pipeline must be a list of transform trainers (e.g. List.of(Standardize.of(),"
        + " Pca.of(2)); List.of() for none). Got null instead.",
        assertThrows(IllegalArgumentException.class, () -> Pipeline.of(null, Ridge.of(0.1))).getMessage());
    assertEquals("The 'model' parameter of Pipeline must be a trainer (e.g. Svm.of(Gaussian.of(1.0), 10)). Got null"
        + " instead.", assertThrows(IllegalArgumentException.class, () -> Pipeline.standardized(null)).getMessage());
    List<Trainer<? extends Transform>> withNull = new ArrayList<>();
    withNull.add(Standardize.of());
    withNull.add(null);
    assertEquals("Pipeline step 2 of 2 is null; give a transform trainer there (Standardize.of(), Pca.of(k), ...) or"
        + " remove it.", assertThrows(IllegalArgumentException.class, () -> Pipeline.of(withNull, Ridge.of(0.1)))
        .getMessage());
  }

  @Test
  void partsFittedOnOtherFeatureCountsAreRefusedNamingBoth() {
    Dataset train = regression(N, 0);
    Standardization s = Standardization.fit(train.x());
    PcaModel pca = Pca.of(2).fit(train);
    LinearModel ridge = Ridge.of(0.1).fit(train); // fitted on 3 features, after a PCA giving 2
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PipelineModel.of(List.of(s, pca), ridge));
    assertEquals("In the pipeline, the model (LinearModel) takes 3 features, but step 2 (PcaModel) gives 2. Fit each"
        + " part on the output of the one before it, as Pipeline.fit does.", e.getMessage());
    assertSame(ridge, PipelineModel.of(List.of(s), ridge).model());
  }

  @Test
  void theFileHoldsEveryStepsStateUnderItsOwnNames(@TempDir Path dir) throws Exception {
    Dataset train = regression(N, 0);
    Path file = dir.resolve("p.mlmp");
    ModelFile.save(Pipeline.of(List.of(Standardize.of(), Pca.of(2)), Ridge.of(0.01)).fit(train), file);
    ModelState state = ModelFile.readState(file);
    assertEquals("pipeline", state.type());
    assertEquals(3, state.config().path("nFeatures").asInt());
    assertEquals("data.standardization", state.config().path("steps").get(0).path("type").asText());
    assertEquals("decomposition.pca", state.config().path("steps").get(1).path("type").asText());
    assertEquals(2, state.config().path("steps").get(1).path("config").path("components").asInt());
    assertEquals("linear.ridge", state.config().path("model").path("type").asText());
    assertTrue(state.arrays().keySet().containsAll(List.of("steps/0/mean", "steps/0/scale", "steps/1/components",
        "model/coef")), state.arrays().keySet().toString());
  }

  @Test
  void aFileWhosePartNoModuleReadsIsRefusedNamingTheType(@TempDir Path dir) throws Exception {
    Dataset train = regression(N, 0);
    ModelState good = Pipeline.standardized(Ridge.of(0.01)).fit(train).toState();
    ObjectNode config = good.config().deepCopy();
    ((ObjectNode) config.path("model")).put("type", "linear.nonexistent");
    ModelState bad = new ModelState(good.type(), config, good.arrays(), good.seed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromState(bad));
    assertEquals("No module on the class path reads models of type 'linear.nonexistent'; add the module that wrote it.",
        e.getMessage());

    ObjectNode noSteps = ConfigJson.object();
    noSteps.set("model", config.path("model"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ModelFile.fromState(new ModelState("pipeline", noSteps, Map.of(), -1)));
    assertEquals("The pipeline's configuration has no 'steps' list.", missing.getMessage());
  }

  @Test
  void standardizationSavesAndLoadsOnItsOwn(@TempDir Path dir) throws IOException {
    Standardization s = Standardize.of().fit(regression(N, 0));
    Path file = dir.resolve("s.mlmp");
    ModelFile.save(s, file);
    Standardization back = ModelFile.load(file, Standardization.class);
    assertArrayEquals(s.mean(), back.mean(), 0);
    assertArrayEquals(s.scale(), back.scale(), 0);
    assertEquals("data.standardization", ModelFile.readState(file).type());
  }
}
