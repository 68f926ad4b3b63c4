package org.mlmp.cli.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.cli.CliRun;

class PongCommandTest {
  @Test
  void trainsPrintsTheRewardPerBatchSavesAndResumes(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("pong.mlmp");
    CliRun r = CliRun.of("pong", "--batches", "2", "--points", "2", "--max-steps", "60", "--hidden", "8", "--out",
        dir.toString(), "--save", policy.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("batch ")).count(), r.out());
    assertTrue(Files.size(dir.resolve("pong-reward.png")) > 1000);
    assertTrue(Files.exists(policy));
    CliRun again = CliRun.of("pong", "--batches", "1", "--points", "2", "--max-steps", "60", "--hidden", "8", "--out",
        dir.toString(), "--model-file", policy.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("resumed from " + policy), again.out());
    CliRun wrong = CliRun.of("pong", "--batches", "1", "--points", "2", "--max-steps", "60", "--hidden", "9", "--out",
        dir.toString(), "--model-file", policy.toString());
    assertEquals(1, wrong.exitCode());
    assertTrue(wrong.err().contains("The starting policy has another network"), wrong.err());
  }
}
