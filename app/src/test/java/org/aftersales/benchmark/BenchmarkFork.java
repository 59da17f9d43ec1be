package org.aftersales.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One configuration of the matrix (database, history level, settings variant) in a JVM of its own, as
 * {@link org.aftersales.ChildApplication} starts the application for the cluster tests: the same class path, heap
 * 512 MiB and G1 as the benchmark profile, every {@code benchmark.*} setting passed on, the matrix narrowed to this
 * configuration. So no configuration runs on code another one warmed up, or in its heap. The child
 * ({@link BenchmarkCell}) writes its rows and its application's settings into a folder of its own, which are read
 * back into the report.
 */
final class BenchmarkFork {

  /** Settings the fork sets itself. */
  private static final Set<String> OWN = Set.of("benchmark.databases", "benchmark.history", "benchmark.variants",
      "benchmark.fork", "benchmark.results-dir", "benchmark.earlier", "benchmark.earlier-label");

  private BenchmarkFork() {}

  static void run(String database, String history, String variant, BenchmarkReport report) throws InterruptedException {
    try {
      Path folder = Files.createTempDirectory("benchmark-" + database + "-" + history + "-" + variant + "-");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:+UseG1GC"));
      for (String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith("benchmark.") && !OWN.contains(name)) {
          command.add("-D" + name + "=" + System.getProperty(name));
        }
      }
      command.addAll(List.of("-Dbenchmark.databases=" + database, "-Dbenchmark.history=" + history,
          "-Dbenchmark.variants=" + variant, "-Dbenchmark.fork=false", "-Dbenchmark.results-dir=" + folder,
          "-cp", System.getProperty("java.class.path"), BenchmarkCell.class.getName()));
      Process child = new ProcessBuilder(command).inheritIO().start();
      int exit = child.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("The benchmark of " + database + " / " + history + " / " + variant
            + " in its own JVM ended with exit code " + exit + " (its output is above)");
      }
      report.read(Files.readString(folder.resolve(BenchmarkReport.CSV)),
          Files.readString(folder.resolve(BenchmarkCell.APPLICATIONS)));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run the benchmark of " + database + " / " + history + " / " + variant
          + " in a JVM of its own: " + e.getMessage(), e);
    }
  }
}
