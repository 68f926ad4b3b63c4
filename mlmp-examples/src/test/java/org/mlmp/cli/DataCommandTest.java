package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mlmp data fetch` on the command line (the fetching itself, with a fake npm and a tampered package, is
 * tested in mlmp-core's DataSetsTest).
 */
class DataCommandTest {
  @Test
  void unknownDataSetNameIsRejected(@TempDir Path tmp) {
    CliRun r = CliRun.of("data", "fetch", "--data-dir", tmp.toString(), "--only", "cifar");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--only must be mnist or fashion-mnist. Got 'cifar' instead."), r.err());
  }
}
