package org.mlmp.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.mlmp.backend.CpuFeatures;

/**
 * Turns JMH's JSON results into a Markdown table and a PNG bar chart beside it
 * ({@code results.json} → {@code results.md}, {@code results.png}). Rates come from the benchmarks'
 * {@code @AuxCounters}: {@code images} (img/s) and {@code flops} (printed as GFLOP/s); convolution rows
 * also show their GFLOP/s as a fraction of the best {@code GemmBench} figure of the same run.
 */
public final class BenchReport {
  private BenchReport() {}

  /** One result row. */
  record Line(String benchmark, String params, String metric, double value, double error) {}

  public static void main(String[] args) throws IOException {
    write(args.length > 0 ? Path.of(args[0]) : BenchMain.DEFAULT_RESULTS,
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)"), args.length > 1 ? args[1] : "");
  }

  /**
   * Writes the .md and .png beside {@code json}.
   *
   * @param coreType the OPENBLAS_CORETYPE the benchmark JVMs ran with
   * @param dataNote which MNIST data was used
   */
  static void write(Path json, String coreType, String dataNote) throws IOException {
    List<Line> lines = read(json);
    double gemmBest = lines.stream().filter(l -> l.benchmark().endsWith("GemmBench.sgemm") && l.metric().equals("GFLOP/s"))
        .mapToDouble(Line::value).max().orElse(Double.NaN);
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append("Measured ").append(LocalDate.now()).append(" on ").append(CpuFeatures.current().modelName()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores; OPENBLAS_CORETYPE=")
        .append(coreType).append(". ").append(dataNote).append("\n\n");
    md.append("| benchmark | parameters | rate | ± (99.9 %) | unit | of GEMM rate |\n|---|---|---:|---:|---|---:|\n");
    for (Line l : lines) {
      String frac = l.metric().equals("GFLOP/s") && !l.benchmark().endsWith("GemmBench.sgemm") && !Double.isNaN(gemmBest)
          ? String.format(Locale.ROOT, "%.0f %%", 100 * l.value() / gemmBest) : "";
      // JMH reports no error (NaN) for fewer than 3 measurement iterations: say so instead of printing NaN
      String error = Double.isNaN(l.error()) ? "– (< 3 iterations)" : String.format(Locale.ROOT, "%.1f", l.error());
      md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s |%n", l.benchmark(), l.params(), l.value(),
          error, l.metric(), frac));
    }
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Files.writeString(json.resolveSibling(base + ".md"), md.toString());
    if (!lines.isEmpty()) {
      CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title("mlmp benchmarks")
          .yAxisTitle("rate (img/s or GFLOP/s)").build();
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setXAxisLabelRotation(30);
      List<String> names = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Line l : lines) {
        names.add(l.benchmark().replaceFirst(".*\\.", "") + " " + l.params() + " (" + l.metric() + ")");
        values.add(l.value());
      }
      chart.addSeries("rate", names, values);
      BitmapEncoder.saveBitmap(chart, json.resolveSibling(base + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
  }

  static List<Line> read(Path json) throws IOException {
    List<Line> out = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
      String bench = r.path("benchmark").asText().replace("org.mlmp.benchmarks.", "");
      StringBuilder params = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
        var e = it.next();
        if (params.length() > 0) params.append(' ');
        params.append(e.getKey()).append('=').append(e.getValue().asText());
      }
      JsonNode sec = r.path("secondaryMetrics");
      if (sec.has("images")) {
        out.add(new Line(bench, params.toString(), "img/s", sec.path("images").path("score").asDouble(),
            sec.path("images").path("scoreError").asDouble()));
      }
      if (sec.has("flops")) {
        out.add(new Line(bench, params.toString(), "GFLOP/s", sec.path("flops").path("score").asDouble() / 1e9,
            sec.path("flops").path("scoreError").asDouble() / 1e9));
      }
      if (!sec.has("images") && !sec.has("flops")) {
        JsonNode p = r.path("primaryMetric");
        out.add(new Line(bench, params.toString(), p.path("scoreUnit").asText(), p.path("score").asDouble(),
            p.path("scoreError").asDouble()));
      }
    }
    return out;
  }
}
