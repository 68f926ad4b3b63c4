package org.mlmp.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.backend.BackendReport;
import org.mlmp.backend.Backends;
import org.mlmp.backend.GpuDevice;
import org.mlmp.backend.GpuStatus;
import org.mlmp.backend.LapackCheck;
import org.mlmp.backend.VectorApi;
import org.mlmp.data.DataDirectory;
import org.mlmp.data.MnistData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlmp info}: the backend report, GPUs found, a LAPACK self-check and the data sets present. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show the backend in use (device, BLAS kernel, threads, Vector API), GPUs found, a LAPACK check"
        + " and the data sets.")
public final class InfoCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: MLMP_DATA, else ~/.mlmp/data).")
  Path dataDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    BackendReport r = Mlmp.init();
    out.print(r.toText());
    out.println(String.format(Locale.ROOT, "%-19s %s", "vector api:", VectorApi.status()));
    GpuStatus g = Backends.gpuStatus();
    if (g.devices().isEmpty()) {
      out.println(String.format(Locale.ROOT, "%-19s %s", "gpus:", "none (" + g.detail() + ")"));
    }
    for (GpuDevice d : g.devices()) {
      out.println(String.format(Locale.ROOT, "%-19s %s, compute capability %s, %.1f GiB, %s", "gpu " + d.index() + ":",
          d.name(), d.computeCapability(), d.memoryBytes() / (1024.0 * 1024 * 1024),
          d.usable() ? "usable" : "NOT usable by nd4j-cuda-11.6"));
    }
    double err = LapackCheck.choleskyRelativeError(300, 1);
    boolean ok = err < 1e-12;
    out.println(String.format(Locale.ROOT, "%-19s %s", "lapack check:", (ok ? "ok" : "FAILED")
        + String.format(Locale.ROOT, " (double Cholesky of a 300x300 SPD matrix, max relative error %.1e)", err)));
    Path dir = DataDirectory.resolve(dataDir);
    out.println(String.format(Locale.ROOT, "%-19s %s", "data directory:", dir));
    for (MnistData.Kind k : MnistData.Kind.values()) {
      Path where = MnistData.locate(k, dir);
      out.println(String.format(Locale.ROOT, "%-19s %s", k.directoryName() + ":",
          where == null ? "missing (./mlmp data fetch)" : where.toString()));
    }
    out.flush();
    if (!ok) {
      spec.commandLine().getErr().println("mlmp info: the LAPACK check failed: this BLAS kernel computes wrong results."
          + " Set OPENBLAS_CORETYPE=Haswell before starting the JVM.");
      return 1;
    }
    return 0;
  }
}
