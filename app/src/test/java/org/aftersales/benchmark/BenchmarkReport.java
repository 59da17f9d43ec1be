package org.aftersales.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's results as {@code RESULTS.md} (for people) and {@code results.csv} (for comparing runs): the
 * machine, the settings of each application run, one row per measured run, and the comparisons the issue asks for
 * (full flow / bare flow, engine commits / raw commits, the targets). Written again after every application run, so a
 * run that is stopped half-way still leaves what it measured.
 */
public final class BenchmarkReport {

  /** One measured run. {@code rate} is completed cases per second, or commits per second for the raw loop. */
  public record Row(String database, String history, String variant, String flow, String mode, int concurrency,
      double arrivalRate, long completed, double seconds, double rate, double openP50Ms, double openP95Ms,
      double openP99Ms, double statementsPerCase, double roundTripsPerCase, double commitsPerCase,
      double commitsPerSecond, double jvmCpuPercent, double machineCpuPercent, double jvmCpuMsPerCase,
      double benchCpuMsPerCase, double dbCpuMsPerCase, double heapPeakMb, String errors) {

    /** The same row under another variant name. */
    Row as(String otherVariant) {
      return new Row(database, history, otherVariant, flow, mode, concurrency, arrivalRate, completed, seconds, rate,
          openP50Ms, openP95Ms, openP99Ms, statementsPerCase, roundTripsPerCase, commitsPerCase, commitsPerSecond,
          jvmCpuPercent, machineCpuPercent, jvmCpuMsPerCase, benchCpuMsPerCase, dbCpuMsPerCase, heapPeakMb, errors);
    }

    /** The application's CPU per case: the JVM's without the load generator's and the simulators' threads. */
    public double appCpuMsPerCase() {
      return jvmCpuMsPerCase - (Double.isNaN(benchCpuMsPerCase) ? 0 : benchCpuMsPerCase);
    }
  }

  static final String CSV = "results.csv";

  private final BenchmarkSettings settings;
  private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  private final String loadAtStart = loadAverage();
  private final List<Row> rows = new ArrayList<>();
  /** The load average when each row was measured (1, 5, 15 minutes). */
  private final Map<Row, String> loadAverages = new java.util.IdentityHashMap<>();
  private final Map<String, String> databaseVersions = new LinkedHashMap<>();
  private final Map<String, String> runSettings = new LinkedHashMap<>();

  public BenchmarkReport(BenchmarkSettings settings) {
    this.settings = settings;
  }

  public synchronized void add(Row row) {
    rows.add(row);
    loadAverages.put(row, loadAverage());
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  public void application(BenchmarkApp app) {
    application(app.database(), app.history(), app.variant(), app.databaseVersion(), app.effectiveSettings());
  }

  synchronized void application(String database, String history, String variant, String databaseVersion,
      String effectiveSettings) {
    if (!databaseVersion.isBlank() || !databaseVersions.containsKey(database)) {
      databaseVersions.put(database, databaseVersion);
    }
    runSettings.put(database + " / " + history + " / " + variant, effectiveSettings);
  }

  /** The applications run, a line each: database, history, variant, database version, settings in effect (tabs). */
  synchronized String applications() {
    StringBuilder out = new StringBuilder();
    runSettings.forEach((run, effective) -> {
      String[] p = run.split(" / ");
      out.append(String.join("\t", p[0], p[1], p[2], databaseVersions.get(p[0]), effective)).append('\n');
    });
    return out.toString();
  }

  /**
   * Takes in what a configuration measured in a JVM of its own ({@link BenchmarkFork}): its rows as {@link #csv()}
   * wrote them (with the load average of each) and its applications as {@link #applications()} wrote them.
   */
  synchronized void read(String csv, String applications) {
    for (String line : applications.split("\n")) {
      if (!line.isBlank()) {
        String[] p = line.split("\t", -1);
        application(p[0], p[1], p[2], p[3], p[4]);
      }
    }
    List<String> lines = csv.lines().skip(1).filter(l -> !l.isBlank()).toList();
    for (String line : lines) {
      List<String> v = fields(line);
      Row row = new Row(v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), Integer.parseInt(v.get(6)), d(v.get(7)),
          Long.parseLong(v.get(8)), d(v.get(9)), d(v.get(10)), d(v.get(11)), d(v.get(12)), d(v.get(13)), d(v.get(14)),
          d(v.get(15)), d(v.get(16)), d(v.get(17)), d(v.get(18)), d(v.get(19)), d(v.get(20)), d(v.get(21)),
          d(v.get(23)), d(v.get(24)), v.get(26));
      rows.add(row);
      loadAverages.put(row, v.get(25));
    }
  }

  /**
   * {@code -Dbenchmark.earlier=<results folder>}: the rows an earlier run wrote to its {@code results.csv} (another
   * commit's code, say: what came before a change that no setting switches off) join this report, shown as measured
   * then, with {@code benchmark.earlier-label} naming what ran (a commit).
   */
  synchronized void earlier(Path folder, String label) {
    String csv;
    try {
      csv = Files.readString(folder.resolve(CSV));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("benchmark.earlier: cannot read " + folder.resolve(CSV) + ": " + e.getMessage());
    }
    StringBuilder applications = new StringBuilder();
    csv.lines().skip(1).filter(l -> !l.isBlank()).map(BenchmarkReport::fields)
        .map(v -> String.join("\t", v.get(1), v.get(2), earlierName(v.get(3), label), "", "measured earlier ("
            + label + ", " + v.get(0) + ")"))
        .distinct().forEach(line -> applications.append(line).append('\n'));
    int from = rows.size();
    read(csv, applications.toString());
    for (int i = from; i < rows.size(); i++) {
      Row row = rows.get(i);
      String name = earlierName(row.variant(), label);
      if (!name.equals(row.variant())) {
        Row renamed = row.as(name);
        loadAverages.put(renamed, loadAverages.remove(row));
        rows.set(i, renamed);
      }
    }
  }

  /**
   * An earlier run's variant as this report shows it: renamed when this run has a variant of the same name (both
   * measured {@code shipped}, say), after the commit the label names ({@code shipped@b576986}), so that the two are
   * told apart; kept otherwise ({@code before21} of an earlier commit is the "before" of issue 21's table).
   */
  String earlierName(String variant, String label) {
    if (!settings.variants().contains(variant)) {
      return variant;
    }
    java.util.regex.Matcher commit = java.util.regex.Pattern.compile("\\b[0-9a-f]{7,40}\\b").matcher(label);
    return variant + "@" + (commit.find() ? commit.group() : "earlier");
  }

  /** The fields of a line of {@link #csv()}: separated by commas, the last two in double quotes. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private static double d(String value) {
    return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
  }

  /** Writes RESULTS.md and results.csv into the results folder, if there is one. */
  public synchronized void write() {
    if (settings.resultsDir() == null) {
      return;
    }
    try {
      Files.createDirectories(settings.resultsDir());
      Files.writeString(settings.resultsDir().resolve(CSV), csv());
      Files.writeString(settings.resultsDir().resolve("RESULTS.md"), markdown());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the results to " + settings.resultsDir(), e);
    }
  }

  String csv() {
    StringBuilder out = new StringBuilder("date,database,history,settings,flow,mode,concurrency,arrival_per_s,completed,"
        + "seconds,rate_per_s,open_p50_ms,open_p95_ms,open_p99_ms,statements_per_case,round_trips_per_case,"
        + "commits_per_case,commits_per_s,jvm_cpu_pct,machine_cpu_pct,jvm_cpu_ms_per_case,bench_cpu_ms_per_case,"
        + "app_cpu_ms_per_case,db_cpu_ms_per_case,heap_peak_mb,load_average,errors\n");
    for (Row r : rows) {
      out.append(String.join(",", started.toString(), r.database(), r.history(), r.variant(), r.flow(), r.mode(),
          String.valueOf(r.concurrency()), f(r.arrivalRate()), String.valueOf(r.completed()), f(r.seconds()), f(r.rate()),
          f(r.openP50Ms()), f(r.openP95Ms()), f(r.openP99Ms()), f(r.statementsPerCase()), f(r.roundTripsPerCase()),
          f(r.commitsPerCase()), f(r.commitsPerSecond()), f(r.jvmCpuPercent()), f(r.machineCpuPercent()),
          f(r.jvmCpuMsPerCase()), f(r.benchCpuMsPerCase()), f(r.appCpuMsPerCase()), f(r.dbCpuMsPerCase()),
          f(r.heapPeakMb()), "\"" + loadAverages.getOrDefault(r, "") + "\"", "\"" + r.errors().replace("\"", "'") + "\""))
          .append('\n');
    }
    return out.toString();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("Written by `mvn -B -ntp -f app verify -Pbenchmark` (README, *Benchmark*). Run started ").append(started)
        .append(", load average at start ").append(loadAtStart).append(", at the end ").append(loadAverage()).append(".\n\n");
    md.append("## Machine\n\n| what | value |\n| --- | --- |\n");
    md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
    md.append("| RAM | ").append(memory()).append(" |\n");
    md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(' ').append(System.getProperty("os.arch")).append(" |\n");
    md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append(", heap max ").append(Runtime.getRuntime().maxMemory() / 1048576).append(" MiB, ")
        .append(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X"))
            .reduce((a, b) -> a + " " + b).orElse("")).append(" |\n");
    databaseVersions.forEach((db, version) -> md.append("| ").append(db).append(" | ").append(version).append(" |\n"));
    md.append("\n## Settings\n\n");
    md.append("Warm-up ").append(settings.warmup()).append(", measured ").append(settings.measure())
        .append(" (statements not counted), counted ").append(settings.countWindow())
        .append(" right after it, half-rate latency run ").append(settings.latency()).append(", cases in flight (closed loop) ")
        .append(settings.concurrency()).append(", openers ").append(settings.openers()).append(", workers ")
        .append(settings.workers()).append(", raw loop ").append(settings.rawDuration()).append(".\n\n");
    md.append("| database / history / settings | in effect |\n| --- | --- |\n");
    runSettings.forEach((run, s) -> md.append("| ").append(run).append(" | ").append(s).append(" |\n"));
    md.append("\n## Runs\n\n");
    md.append("`rate`: completed cases per second (raw: commits per second). Open-case latency: through HTTP for `full`,"
        + " through the RuntimeService for `bare`; at a fixed rate counted from when the case should have been opened. SQL: statements (each of a JDBC"
        + " batch counts), round trips and commits per completed case, counted in the window right after the measured"
        + " one, at the same load (the measured window counts nothing, so that its CPU is the application's alone; runs"
        + " at a fixed rate count nothing). CPU: this JVM, and the whole machine (database"
        + " and other load included), as a share of all cores. `bench`: CPU of the load generator's and the simulators'"
        + " threads in this JVM; `app` = JVM - bench, the application's. `load`: the load average (1, 5, 15 min) when"
        + " the run ended.\n\n");
    md.append("| database | history | settings | flow | mode | conc. | cases | rate /s | open p50 ms | p95 | p99 "
        + "| stmts/case | trips/case | commits/case | commits/s | JVM CPU % | machine CPU % | JVM CPU ms/case "
        + "| bench CPU ms/case | app CPU ms/case | DB CPU ms/case | heap peak MiB | load | errors |\n");
    md.append("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        + "| ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (Row r : rows) {
      md.append("| ").append(String.join(" | ", r.database(), r.history(), r.variant(), r.flow(),
          r.mode() + (r.arrivalRate() > 0 ? " " + f(r.arrivalRate()) + "/s" : ""), String.valueOf(r.concurrency()),
          String.valueOf(r.completed()), f(r.rate()), f(r.openP50Ms()), f(r.openP95Ms()), f(r.openP99Ms()),
          f(r.statementsPerCase()), f(r.roundTripsPerCase()), f(r.commitsPerCase()), f(r.commitsPerSecond()),
          f(r.jvmCpuPercent()), f(r.machineCpuPercent()), f(r.jvmCpuMsPerCase()), f(r.benchCpuMsPerCase()),
          f(r.appCpuMsPerCase()), f(r.dbCpuMsPerCase()), f(r.heapPeakMb()), loadAverages.getOrDefault(r, ""),
          r.errors().isEmpty() ? "" : r.errors()))
          .append(" |\n");
    }
    beforeAndAfter(md);
    md.append("\n## Comparisons\n\n| database / history / settings | full ÷ bare (cases/s) | full ÷ bare-data (cases/s) "
        + "| engine commits/s ÷ raw commits/s (full, bare) |\n| --- | ---: | ---: | ---: |\n");
    for (String run : runSettings.keySet()) {
      String[] p = run.split(" / ");
      Optional<Row> full = find(p[0], p[1], p[2], "full", "max");
      Optional<Row> bare = find(p[0], p[1], p[2], "bare", "max");
      Optional<Row> bareData = find(p[0], p[1], p[2], "bare-data", "max");
      Optional<Row> raw = find(p[0], p[1], p[2], "raw", "loop");
      md.append("| ").append(run).append(" | ")
          .append(full.isPresent() && bare.isPresent() ? f(full.get().rate() / bare.get().rate()) : "")
          .append(" | ")
          .append(full.isPresent() && bareData.isPresent() ? f(full.get().rate() / bareData.get().rate()) : "")
          .append(" | ")
          .append(raw.isPresent() ? full.map(r -> f(r.commitsPerSecond() / raw.get().rate())).orElse("") + ", "
              + bare.map(r -> f(r.commitsPerSecond() / raw.get().rate())).orElse("") : "")
          .append(" |\n");
    }
    md.append("\n## What bounds it\n\n");
    md.append("Machine CPU busy during the runs: up to ").append(f(rows.stream().mapToDouble(Row::machineCpuPercent)
        .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN))).append(" %. CPU per completed case (this JVM plus the"
        + " database server on this machine) sets a ceiling of cores × 1000 ÷ CPU ms per case; commits per case × 100"
        + " is what 100 cases/s would ask of the database, against what the raw loop committed.\n\n");
    md.append("| database / history / settings | flow | cases/s | CPU ms/case (app + DB) | CPU ceiling cases/s "
        + "| commits/s for 100 cases/s | raw commits/s |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    int cores = Runtime.getRuntime().availableProcessors();
    for (Row r : rows) {
      if (!r.mode().equals("max") && !r.mode().equals("cases")) {
        continue;
      }
      double cpu = r.appCpuMsPerCase() + (Double.isNaN(r.dbCpuMsPerCase()) ? 0 : r.dbCpuMsPerCase());
      Optional<Row> raw = find(r.database(), r.history(), r.variant(), "raw", "loop");
      md.append("| ").append(String.join(" | ", r.database() + " / " + r.history() + " / " + r.variant(), r.flow(),
          f(r.rate()), f(cpu), f(cores * 1000 / cpu), f(r.commitsPerCase() * 100),
          raw.map(x -> f(x.rate())).orElse(""))).append(" |\n");
    }
    md.append("\n## Targets of issue 8 (measured, not asserted; issue 21's targets: docs/benchmark.md)\n\n");
    Optional<Row> full = find("mariadb", "full", "shipped", "full", "max");
    Optional<Row> bare = find("mariadb", "full", "shipped", "bare", "max");
    Optional<Row> half = find("mariadb", "full", "shipped", "full", "rate");
    md.append("- MariaDB, full history, shipped settings: ")
        .append(full.map(r -> f(r.rate()) + " completed cases/s (target >= 100)").orElse("not run")).append('\n');
    md.append("- full ÷ bare there: ").append(full.isPresent() && bare.isPresent()
        ? f(full.get().rate() / bare.get().rate()) + " (target >= 0.8)" : "not run").append('\n');
    md.append("- open-case p95 at half the maximum rate there: ")
        .append(half.map(r -> f(r.openP95Ms()) + " ms at " + f(r.arrivalRate()) + " cases/s (target < 50 ms)")
            .orElse("not run")).append('\n');
    return md.toString();
  }

  /**
   * Issue 21 in one table: each database and history level that ran variant {@code before21} (the cuts that are
   * settings, switched off) next to {@code shipped}, and a growth run ({@code grown}) next to the empty database,
   * with the load average of each run.
   */
  private void beforeAndAfter(StringBuilder md) {
    List<String[]> pairs = new ArrayList<>();
    for (String run : runSettings.keySet()) {
      String[] p = run.split(" / ");
      if (p[2].equals("before21") || p[2].equals("grown")) {
        pairs.add(new String[] {p[0], p[1], p[2]});
      }
    }
    if (pairs.isEmpty()) {
      return;
    }
    md.append("\n## Issue 21: before and after\n\n`before21`: the statement cache at the driver's defaults, every"
        + " API login checked by Camunda, no index on ACT_RU_JOB(DUEDATE_); `grown`: the shipped settings on a database"
        + " filled with finished cases first (benchmark.growth-cases). Full flow at its maximum, then at half of it"
        + " (open p95).\n\n| database / history | compared | stmts/case | commits/case | app CPU ms/case"
        + " | DB CPU ms/case | full ÷ bare | open p95 ms at half rate | load |\n"
        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (String[] p : pairs) {
      for (String variant : List.of(p[2], "shipped")) {
        Optional<Row> full = find(p[0], p[1], variant, "full", "max");
        Optional<Row> bare = find(p[0], p[1], variant, "bare", "max");
        Optional<Row> half = find(p[0], p[1], variant, "full", "rate");
        md.append("| ").append(p[0]).append(" / ").append(p[1]).append(" | ").append(variant).append(" | ")
            .append(full.map(r -> f(r.statementsPerCase())).orElse("")).append(" | ")
            .append(full.map(r -> f(r.commitsPerCase())).orElse("")).append(" | ")
            .append(full.map(r -> f(r.appCpuMsPerCase())).orElse("")).append(" | ")
            .append(full.map(r -> f(r.dbCpuMsPerCase())).orElse("")).append(" | ")
            .append(full.isPresent() && bare.isPresent() ? f(full.get().rate() / bare.get().rate()) : "").append(" | ")
            .append(half.map(r -> f(r.openP95Ms())).orElse("")).append(" | ")
            .append(full.map(r -> loadAverages.getOrDefault(r, "")).orElse("")).append(" |\n");
      }
    }
  }

  private Optional<Row> find(String db, String history, String variant, String flow, String mode) {
    return rows.stream().filter(r -> r.database().equals(db) && r.history().equals(history) && r.variant().equals(variant)
        && r.flow().equals(flow) && r.mode().equals(mode)).findFirst();
  }

  static String f(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }

  private static String memory() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() / 1048576 + " MiB" : "unknown";
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
