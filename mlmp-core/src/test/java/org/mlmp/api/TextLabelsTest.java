package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.data.CsvOptions;
import org.mlmp.data.CsvTable;
import org.mlmp.io.ModelFile;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.linear.LeastSquaresClassifier;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Perceptron;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.testing.IrisLike;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class labels as they came (issue 12): a CSV target column of names becomes the classes of every classifier family,
 * predictions come back as those names (also after save and load), numbers stay numbers, and missing or unknown
 * labels are refused with the row, the value and the fix.
 */
class TextLabelsTest {
  @TempDir Path dir;

  /** One trainer per classifier family (and each linear classifier). */
  static Stream<Arguments> classifiers() {
    return Stream.of(
        Arguments.of("logistic", LogisticRegression.of(0.01).withStandardize(true)),
        Arguments.of("perceptron", Perceptron.of(1).withMaxEpochs(200).withFitIntercept(true).withStandardize(true)),
        Arguments.of("least-squares", LeastSquaresClassifier.of()),
        Arguments.of("svm", Svm.of(Gaussian.of(1.0), 1.0)),
        Arguments.of("mlp", NeuralNet.of(Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(8, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX)), Optimizer.Adam.of(0.05)).withEpochs(80).withBatchSize(16).withSeed(3)
            .withScaling(InputScaling.PER_FEATURE).withValidation(0, 0)));
  }

  private Dataset iris(int perSpecies, long seed) throws IOException {
    Path f = IrisLike.write(dir.resolve("iris-" + seed + ".csv"), perSpecies, seed);
    return CsvTable.readWithTarget(f, CsvOptions.DEFAULT, "species").toDataset("species");
  }

  private static List<String> truth(Dataset d) {
    return List.of(d.classLabels().decode(d.y().toDoubleVector()));
  }

  private static double agreement(String[] predicted, List<String> truth) {
    int same = 0;
    for (int i = 0; i < predicted.length; i++) if (predicted[i].equals(truth.get(i))) same++;
    return (double) same / predicted.length;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classifiers")
  void aCsvColumnOfNamesBecomesTheClassesAndPredictionsComeBackAsNames(String name, Trainer<?> trainer)
      throws Exception {
    Dataset train = iris(30, 1), test = iris(10, 2);
    assertEquals(IrisLike.SPECIES, train.classLabels().names());
    Classifier m = (Classifier) trainer.fit(train);
    assertTrue(m.classLabels().isText());
    assertEquals(IrisLike.SPECIES, m.classLabels().names());
    assertArrayEquals(new double[] {0, 1, 2}, m.classes(), 0);
    String[] predicted = m.predictLabels(test.x());
    assertTrue(agreement(predicted, truth(test)) >= 0.9, name + " agrees with the true species on only "
        + agreement(predicted, truth(test)));
    // the numeric predictions are the values of those names, as before
    double[] values = m.predict(test.x()).toDoubleVector();
    for (int i = 0; i < values.length; i++) assertEquals(IrisLike.SPECIES.get((int) values[i]), predicted[i]);
    double[][] rows = test.x().toDoubleMatrix();
    assertArrayEquals(predicted, m.predictLabels(rows));
    assertEquals(predicted[4], m.predictLabel(rows[4]));
    // saved and loaded: the same labels and predictions
    Path file = dir.resolve(name + ".mlmp");
    ModelFile.save(m, file);
    Classifier back = ModelFile.load(file, Classifier.class);
    assertEquals(m.classLabels(), back.classLabels());
    assertArrayEquals(predicted, back.predictLabels(test.x()));
  }

  /** Text labels fit the same model as their values given as numbers: only the names are added. */
  @Test
  void textLabelsFitTheSameModelAsTheirValues() throws Exception {
    Dataset named = iris(20, 4);
    Dataset numbers = new Dataset(named.x(), named.y(), named.featureNames(), named.targetName());
    assertEquals(null, numbers.classLabels());
    LinearClassifierModel a = LogisticRegression.of(0.02).fit(named), b = LogisticRegression.of(0.02).fit(numbers);
    assertEquals(a.coef(), b.coef());
    assertArrayEquals(a.intercept(), b.intercept(), 0);
    SvmModel s = Svm.of(Gaussian.of(1.0), 1.0).fit(named), t = Svm.of(Gaussian.of(1.0), 1.0).fit(numbers);
    assertEquals(s.decisionFunction(named.x()), t.decisionFunction(named.x()));
    assertFalse(t.classLabels().isText());
  }

  @Test
  void numbersStayNumbers() throws Exception {
    double[][] x = {{0, 0}, {0, 1}, {3, 3}, {3, 4}, {6, 0}, {6, 1}};
    Dataset d = Dataset.of(x, new double[] {2, 2, 5, 5, 9, 9});
    LinearClassifierModel m = LogisticRegression.of(0.01).fit(d);
    assertFalse(m.classLabels().isText());
    assertEquals(List.of("2", "5", "9"), m.classLabels().names());
    assertArrayEquals(new String[] {"2", "5", "9"}, m.predictLabels(new double[][] {{0, 0.5}, {3, 3.5}, {6, 0.5}}));
    Path file = dir.resolve("numbers.mlmp");
    ModelFile.save(m, file);
    assertFalse(ModelFile.readState(file).config().has(ClassLabels.NAMES_ENTRY), "numeric labels write no names");
    assertEquals(m.classLabels(), ModelFile.load(file, Classifier.class).classLabels());
    assertEquals("2.5", ClassLabels.ofNumbers(new double[] {-1, 2.5}).name(2.5));
    // a numeric test file encoded by the model's classes: its labels must be among them too
    Path test = Files.writeString(dir.resolve("numbers.csv"), "a,b,label\n0,0.5,2\n6,0.5,7\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvTable.read(test).toDataset("label", m.classLabels()));
    assertEquals("CSV file " + test + ", column 'label' has the class label 7 at row 1 (0-based), which is not one"
        + " of the classes [2, 5, 9] (numbers) the model was trained on. Correct the label, or drop the row; a classifier"
        + " predicts only classes it has seen.", e.getMessage());
    Dataset ok = CsvTable.read(Files.writeString(dir.resolve("ok.csv"), "a,b,label\n0,0.5,2\n6,0.5,9\n"))
        .toDataset("label", m.classLabels());
    assertArrayEquals(new double[] {2, 9}, ok.y().toDoubleVector(), 0);
    assertEquals(null, ok.classLabels(), "numbers stay numbers: no names");
  }

  /** Names that are numbers (folders 9 and 10) stay names: a numeric column of a test file is read by the names. */
  @Test
  void classNamesThatAreNumbersEncodeATestColumnByName() throws Exception {
    Dataset d = Dataset.ofLabels(new double[][] {{0}, {1}, {5}, {6}}, List.of("9", "9", "10", "10"));
    assertEquals(List.of("10", "9"), d.classLabels().names(), "sorted as strings");
    Classifier m = LogisticRegression.of(0.01).fit(d);
    Path test = Files.writeString(dir.resolve("folders.csv"), "x,folder\n0.5,9\n5.5,10\n");
    Dataset t = CsvTable.read(test).toDataset("folder", m.classLabels());
    assertArrayEquals(new double[] {1, 0}, t.y().toDoubleVector(), 0);
    assertArrayEquals(new String[] {"9", "10"}, m.predictLabels(t.x()));
    assertEquals(1.0, m.accuracy(t.x(), t.y()), 0);
  }

  @Test
  void anEmptyLabelCellInTheCsvNamesTheLineAndTheFix() throws Exception {
    List<String> lines = new ArrayList<>(List.of(IrisLike.HEADER));
    lines.addAll(IrisLike.rows(2, 5));
    lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(',') + 1)); // line 4 without its species
    Path f = Files.write(dir.resolve("holes.csv"), lines);
    IOException e = assertThrows(IOException.class, () -> CsvTable.readWithTarget(f, CsvOptions.DEFAULT, "species"));
    assertEquals("CSV file " + f + ", line 4, column 'species': empty cell (missing value). Remove or fill the row.",
        e.getMessage());
  }

  @Test
  void aMissingLabelGivenInJavaNamesTheRowAndTheFix() {
    double[][] x = {{1}, {2}, {3}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofLabels(x, java.util.Arrays.asList("cat", " ", "dog")));
    assertEquals("labels has no class label at row 1 (0-based): got ' '. Every row needs its class: fill in the label"
        + " or remove the row.", e.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofLabels(x, java.util.Arrays.asList("cat", "dog", null)));
    assertTrue(n.getMessage().startsWith("labels has no class label at row 2 (0-based): got null."), n.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> ClassLabels.ofNames(List.of("cat", "dog", "cat")));
    assertEquals("The class name 'cat' is given twice in [cat, dog, cat]; class names must be distinct.",
        twice.getMessage());
  }

  /**
   * A test file is encoded by the model's classes, so its values match what the model predicts even when it lacks a
   * class; a label the model never saw is refused with the row, the value, the classes and the fix.
   */
  @Test
  void aTestFileIsEncodedByTheModelsClassesAndAnUnseenLabelIsRefused() throws Exception {
    Classifier m = LogisticRegression.of(0.01).withStandardize(true).fit(iris(30, 1));
    List<String> lines = new ArrayList<>(List.of(IrisLike.HEADER));
    for (String l : IrisLike.rows(5, 6)) if (!l.endsWith("setosa")) lines.add(l);
    Path f = Files.write(dir.resolve("test.csv"), lines);
    CsvTable table = CsvTable.readWithTarget(f, CsvOptions.DEFAULT, "species");
    assertEquals(List.of("versicolor", "virginica"), table.toDataset("species").classLabels().names(),
        "on its own the file has two classes, valued 0 and 1");
    Dataset test = table.toDataset("species", m.classLabels());
    assertEquals(m.classLabels(), test.classLabels());
    assertEquals(IrisLike.SPECIES.get(1), m.classLabels().name(test.y().getDouble(0)));
    assertTrue(m.accuracy(test.x(), test.y()) >= 0.8, "accuracy " + m.accuracy(test.x(), test.y()));

    lines.set(2, lines.get(2).replaceAll(",[a-z]+$", ",setosa2"));
    Path bad = Files.write(dir.resolve("bad.csv"), lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvTable.readWithTarget(bad, CsvOptions.DEFAULT, "species").toDataset("species", m.classLabels()));
    assertEquals("CSV file " + bad + ", column 'species' has the class label 'setosa2' at row 1 (0-based), which is not"
        + " one of the classes [setosa, versicolor, virginica] the model was trained on. Correct the label, or drop the"
        + " row; a classifier predicts only classes it has seen.", e.getMessage());
  }

  @Test
  void subsetsKeepTheLabelsAndYMustHoldTheirValues() {
    Dataset d = Dataset.ofLabels(new double[][] {{1}, {2}, {3}, {4}}, List.of("b", "a", "c", "a"));
    assertEquals(List.of("a", "b", "c"), d.classLabels().names());
    assertArrayEquals(new double[] {1, 0, 2, 0}, d.y().toDoubleVector(), 0);
    Dataset sub = d.rows(new int[] {1, 3});
    assertEquals(d.classLabels(), sub.classLabels(), "a fold lacking a class keeps every class's value");
    assertEquals(d.classLabels(), d.withX(Nd4j.createFromArray(new double[][] {{0}, {0}, {0}, {0}})).classLabels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(d.x(),
        Nd4j.createFromArray(new double[] {0, 1, 7, 0}), null, "animal", d.classLabels()));
    assertEquals("y (animal) holds 7.0 at row 2 (0-based), which is not the value of one of its class labels [a, b, c]"
        + " (values [0.0, 1.0, 2.0]). Make the data set with Dataset.ofLabels, which assigns the values.",
        e.getMessage());
  }

  /** A fit's message about a class names it as it came. */
  @Test
  void logisticRegressionsSeparableMessageNamesTheClass() {
    Dataset d = Dataset.ofLabels(new double[][] {{0}, {1}, {2}, {3}}, List.of("cold", "cold", "warm", "warm"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.of(0).fit(d));
    assertEquals("LogisticRegression with lambda = 0.0 did not converge for class 'warm' against the rest of [cold,"
        + " warm]: the classes look linearly separable, so the unpenalised cost has no minimum (the weights grow without"
        + " bound). Set lambda > 0.", e.getMessage());
  }

  /**
   * A network's classes must match the names: an output layer of another width, or a validation set whose labels were
   * encoded on their own, is refused with both sides named.
   */
  @Test
  void aNetworkRefusesLabelsThatDoNotMatchItsClasses() throws Exception {
    Dataset train = iris(10, 1);
    NeuralNet four = NeuralNet.of(Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(4, Activation.SOFTMAX)),
        Optimizer.Adam.of(0.05)).withEpochs(1).withSeed(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> four.fit(train));
    assertEquals("The network's output layer distinguishes 4 classes, but the target 'species' has 3 class labels"
        + " [setosa, versicolor, virginica]. Give the output layer 3 units.", e.getMessage());
    NeuralNet three = NeuralNet.of(Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(3, Activation.SOFTMAX)),
        Optimizer.Adam.of(0.05)).withEpochs(1).withSeed(1);
    Dataset other = Dataset.ofLabels(train.x().toDoubleMatrix(), java.util.Collections.nCopies(30, "setosa"));
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
        () -> three.train(train, other, null, null));
    assertEquals("The validation set's class labels ClassLabels[setosa] differ from the training set's"
        + " ClassLabels[setosa, versicolor, virginica], so the same class would have different values. Make both from"
        + " one data set (Dataset.rows) or encode the validation labels by the training classes"
        + " (CsvTable.toDataset(target, classes)).", v.getMessage());
  }

  /** scikit-learn's own iris.csv (Debian's python3-sklearn), with its species names; skipped when absent. */
  @Test
  void scikitLearnsIrisPredictsItsSpecies() throws Exception {
    assumeTrue(Files.isRegularFile(IrisLike.SKLEARN_IRIS), IrisLike.SKLEARN_IRIS + " is absent (python3-sklearn)");
    Path f = IrisLike.writeSklearnIris(dir.resolve("iris.csv"));
    Dataset d = CsvTable.readWithTarget(f, CsvOptions.DEFAULT, "species").toDataset("species");
    assertEquals(150, d.nSamples());
    LinearClassifierModel m = LogisticRegression.of(0.001).withStandardize(true).fit(d);
    assertEquals(List.of("setosa", "versicolor", "virginica"), m.classLabels().names());
    String[] p = m.predictLabels(d.x());
    assertEquals("setosa", p[0]);
    assertEquals("virginica", p[149]);
    assertTrue(agreement(p, truth(d)) >= 0.9, "training accuracy " + agreement(p, truth(d)));
  }
}
