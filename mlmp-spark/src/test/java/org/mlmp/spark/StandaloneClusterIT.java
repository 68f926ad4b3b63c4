package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.cli.Main;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.testing.GaussianBlobs;
import org.mlmp.testing.LogCapture;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code mlmp spark train} on a real Spark standalone cluster on this machine, with a node lost mid-job: a
 * {@code Master} and two {@code Worker} JVMs (1 core each) started from the Maven artifacts ({@code target/spark-lib}
 * as a temporary {@code SPARK_HOME/jars}, from which the Workers build their executors' class paths), everything on
 * 127.0.0.1 at ports chosen free at run time, the daemons' web UIs on loopback and the application's off. The job
 * is submitted in client mode (the driver is this JVM; its settings arrive as {@code spark.*} system properties, as
 * {@code spark-submit} passes them): synchronous training with 2 partitions, one per executor. After epoch 2 one
 * Worker JVM and its executor are destroyed forcibly (a lost node); Spark re-runs the lost tasks and recomputes the
 * lost cached partition on the surviving executor, and the job must finish: exit code 0, every epoch logged, a model
 * file that {@link ModelFile#load} reads, finite predictions and a test accuracy above 0.9 on fresh rows of the
 * generated blobs (their Bayes accuracy is about 0.97). The executor's environment and command line show what
 * {@link SparkJobSettings} gives it. Hard timeout 5 minutes; every process started (and their children) is
 * destroyed after the test, even on failure, and asserted gone.
 */
class StandaloneClusterIT {
  private static final int EPOCHS = 12, KILL_AFTER_EPOCH = 2;
  private static final String[] DRIVER_PROPERTIES = {"spark.executor.extraClassPath", "spark.executor.memory",
      "spark.executor.cores", "spark.cores.max", "spark.driver.host", "spark.driver.bindAddress", "spark.ui.enabled",
      "spark.scheduler.minRegisteredResourcesRatio", "spark.scheduler.maxRegisteredResourcesWaitingTime"};

  /** Every process this test started, by name, for the cleanup. */
  private final Map<String, Process> started = new LinkedHashMap<>();
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();
  /** The symbolic links of SPARK_HOME/jars, removed after the test (JUnit's @TempDir warns about each). */
  private final List<Path> linked = new ArrayList<>();
  private Path logs;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainingFinishesWithAValidModelWhenAWorkerIsLostMidJob(@TempDir Path dir) throws Exception {
    logs = Files.createDirectories(dir.resolve("logs"));
    Path sparkHome = sparkHome(dir.resolve("spark-home"));
    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    start("master", sparkHome, dir, List.of("-Xmx256m", "-Dspark.worker.timeout=5",
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
        "--webui-port", Integer.toString(freePort())));
    awaitPort(masterPort, "master");
    for (int w = 1; w <= 2; w++) {
      int port = freePort();
      Path work = Files.createDirectories(dir.resolve("work-" + w));
      start("worker-" + w, sparkHome, dir, List.of("-Xmx256m", "-Dspark.worker.timeout=5",
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "1g", "--work-dir",
          work.toString(), master));
      awaitPort(port, "worker-" + w);
    }

    Path train = csv(dir.resolve("train.csv"), GaussianBlobs.of(600, 21)), model = dir.resolve("model.mlmp");
    // what spark-submit --master ... --conf ... would pass the driver
    System.setProperty("spark.executor.extraClassPath", applicationClassPath());
    System.setProperty("spark.executor.memory", "768m");
    System.setProperty("spark.executor.cores", "1");
    System.setProperty("spark.cores.max", "2");
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    System.setProperty("spark.scheduler.maxRegisteredResourcesWaitingTime", "90s");

    Killer killer = new Killer();
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code;
    List<String> logged;
    long t0 = System.nanoTime();
    try (LogCapture log = LogCapture.of(SparkRun.class)) {
      killer.log = log;
      Thread watcher = new Thread(killer, "kill-worker-2");
      watcher.setDaemon(true);
      watcher.start();
      code = Main.run(new String[] {"spark", "train", "--master", master, "--partitions", "2", "--model",
          "mlp-classifier", "--data", train.toString(), "--target", "y", "--layers", "16", "--epochs",
          Integer.toString(EPOCHS), "--batch", "16", "--learning-rate", "0.01", "--seed", "3", "--save",
          model.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
      killer.done = true;
      watcher.join(10_000);
      logged = messages(log);
    }
    System.err.printf("StandaloneClusterIT: the job took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(0, code, err + "\n" + logged + "\n" + tails());
    assertTrue(killer.killedAt > 0, "the worker was not killed mid-job: " + killer.problem + "; " + logged);
    assertEquals("training on Spark " + master + " with 2 partitions, synchronous steps", logged.get(0));
    assertTrue(logged.get(EPOCHS).startsWith("epoch " + EPOCHS + "/" + EPOCHS + ": loss "), logged.toString());
    assertFalse(killer.finalEpochBeforeKill, "the kill came after the last epoch: " + logged);
    assertTrue(!started.get("worker-2").isAlive() && started.get("worker-1").isAlive() && started.get("master")
        .isAlive(), "worker-2 alone is lost");

    // what the executor of the lost worker was given (SparkJobSettings)
    assertEquals("1", killer.executorEnvironment.get("MLMP_THREADS"), killer.executorEnvironment.toString());
    assertEquals("1", killer.executorEnvironment.get("OMP_NUM_THREADS"));
    assertEquals("1", killer.executorEnvironment.get("OPENBLAS_NUM_THREADS"));
    assertEquals(System.getenv("OPENBLAS_CORETYPE"), killer.executorEnvironment.get("OPENBLAS_CORETYPE"));
    assertTrue(killer.executorCommand.contains("-Dorg.bytedeco.javacpp.maxbytes=2048M")
        && killer.executorCommand.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
        && killer.executorCommand.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"),
        killer.executorCommand);

    NeuralNetModel m = ModelFile.load(model, NeuralNetModel.class);
    Dataset test = GaussianBlobs.of(300, 22);
    INDArray predicted = m.predict(test.x());
    assertEquals(300, predicted.length());
    for (double v : predicted.toDoubleVector()) assertTrue(Double.isFinite(v), "a prediction is " + v);
    double accuracy = m.accuracy(test.x(), test.y());
    assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
  }

  /** Kills worker 2 (the Worker JVM and its executor, at once: a node lost) once epoch 2 is logged. */
  private final class Killer implements Runnable {
    volatile LogCapture log;
    volatile boolean done, finalEpochBeforeKill;
    volatile long killedAt;
    volatile String problem = "epoch " + KILL_AFTER_EPOCH + " was never logged", executorCommand = "";
    volatile Map<String, String> executorEnvironment = Map.of();

    @Override
    public void run() {
      try {
        while (!done) {
          List<String> m = messages(log);
          if (m.stream().anyMatch(s -> s.startsWith("epoch " + KILL_AFTER_EPOCH + "/"))) {
            finalEpochBeforeKill = m.stream().anyMatch(s -> s.startsWith("epoch " + EPOCHS + "/"));
            Process worker = started.get("worker-2");
            List<ProcessHandle> tree = Stream.concat(Stream.of(worker.toHandle()), worker.descendants()).toList();
            seen.addAll(tree);
            for (ProcessHandle p : tree) {
              String cmd = commandLine(p);
              if (cmd.contains("CoarseGrainedExecutorBackend")) {
                executorCommand = cmd;
                executorEnvironment = environment(p);
              }
            }
            if (executorCommand.isEmpty()) problem = "worker-2 had no executor at epoch " + KILL_AFTER_EPOCH;
            tree.forEach(ProcessHandle::destroyForcibly);
            killedAt = System.nanoTime();
            return;
          }
          Thread.sleep(20);
        }
      } catch (InterruptedException | RuntimeException e) {
        problem = e.toString();
      }
    }
  }

  /** The log's messages, read while another thread appends. */
  private static List<String> messages(LogCapture log) {
    while (true) {
      try {
        return log.messages();
      } catch (ConcurrentModificationException e) {
        Thread.onSpinWait();
      }
    }
  }

  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static Map<String, String> environment(ProcessHandle p) {
    Map<String, String> env = new LinkedHashMap<>();
    try {
      String all = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")),
          StandardCharsets.UTF_8);
      for (String kv : all.split("\0")) {
        int eq = kv.indexOf('=');
        if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    } catch (IOException e) {
      env.put("<unreadable>", e.toString());
    }
    return env;
  }

  /**
   * A temporary SPARK_HOME whose jars/ holds what a Spark distribution's does: links to every jar of
   * target/spark-lib (the provided scope: Spark and what only Spark needs) and to the jars of the test class path
   * Spark also needs but which spark-lib leaves out because mlmp-core brings them already (Jackson, SLF4J and its
   * one binding, mlmp's Logback, ...): every class-path jar whose artifact (name without version) is not in
   * spark-lib, apart from mlmp's own and the native builds (ND4J, JavaCPP, OpenBLAS), which the daemons do not load.
   * A conf/logback.xml keeps the daemons' logs at WARN.
   */
  private Path sparkHome(Path home) throws IOException {
    Path lib = Path.of("target", "spark-lib").toAbsolutePath();
    assertTrue(Files.isDirectory(lib), lib + " is missing: the IT runs after package (mvn verify)");
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<Path> links = new ArrayList<>();
    try (Stream<Path> s = Files.list(lib)) {
      links.addAll(s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
    }
    Set<String> artifacts = new LinkedHashSet<>();
    for (Path jar : links) artifacts.add(artifact(jar));
    for (String e : applicationClassPath().split(File.pathSeparator)) {
      Path jar = Path.of(e);
      String name = jar.getFileName().toString();
      if (!name.endsWith(".jar") || name.startsWith("mlmp") || name.matches("(nd4j|javacpp|openblas|mkl|onednn"
          + "|dnnl|deeplearning4j|junit|opentest4j|surefire|apiguardian).*")) {
        continue;
      }
      if (artifacts.add(artifact(jar))) links.add(jar);
    }
    for (Path jar : links) linked.add(Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar));
    Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("logback.xml"),
        "<configuration><appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder><pattern>"
            + "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"E\"/></root></configuration>\n");
    return home;
  }

  /** A jar's artifact: its file name up to the version ({@code jackson-core-2.20.0.jar}: {@code jackson-core}). */
  private static String artifact(Path jar) {
    return jar.getFileName().toString().replaceFirst("-[0-9][^-]*(-.*)?\\.jar$", "");
  }

  /** The test JVM's class path (mlmp, ND4J, ...), which the executors get as spark.executor.extraClassPath. */
  private static String applicationClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
    assertTrue(entries.stream().anyMatch(e -> e.contains("nd4j-native")), "no ND4J on the class path " + cp);
    return String.join(File.pathSeparator, entries);
  }

  /** Starts a Spark daemon JVM on SPARK_HOME/jars, loopback only, its output in logs/NAME.log. */
  private void start(String name, Path sparkHome, Path dir, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(SparkJobSettings.sparkJvmOptions().split(" ")));
    cmd.add("-Dlogback.configurationFile=" + sparkHome.resolve("conf").resolve("logback.xml"));
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + File.separator + "*");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    started.put(name, p);
    seen.add(p.toHandle());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitPort(int port, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(started.get(name).isAlive(), name + " exited: " + tails());
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError(name + " did not listen on 127.0.0.1:" + port + " within 60 s: " + tails());
  }

  /** The last lines of every daemon's log and of the executors' (for failure messages). */
  private String tails() {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> files = logs == null ? Stream.empty() : Files.walk(logs.getParent())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr"))
          .toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
        s.append("\n--- ").append(f).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
      }
    } catch (IOException e) {
      s.append(e);
    }
    return s.toString();
  }

  /** Destroys every process started and every child of theirs (executors), then asserts that none is left. */
  @AfterEach
  void stopEverything() throws Exception {
    for (String p : DRIVER_PROPERTIES) System.clearProperty(p);
    for (Process p : started.values()) p.descendants().forEach(seen::add);
    List<ProcessHandle> all = new ArrayList<>(seen);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // asserted below
      }
    }
    List<String> alive = all.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + commandLine(p)).toList();
    for (Path link : linked) Files.deleteIfExists(link);
    assertEquals(List.of(), alive, "processes the test started are still running");
  }

  private static Path csv(Path file, Dataset d) throws IOException {
    StringBuilder s = new StringBuilder("x1,x2,x3,x4,y\n");
    double[][] x = d.x().toDoubleMatrix();
    double[] y = d.y().toDoubleVector();
    for (int i = 0; i < y.length; i++) {
      for (double v : x[i]) s.append(v).append(',');
      s.append((int) y[i]).append('\n');
    }
    return Files.writeString(file, s);
  }
}
