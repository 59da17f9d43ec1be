package org.aftersales.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts cases of one {@link Flow} through an application and measures them. Openers open cases (a closed loop keeping
 * at most {@code concurrency} in flight, or a fixed arrival rate); one poller per step finds what waits for it and
 * hands each case to the workers, who do the step. A case counts as completed when the transaction that ended its
 * process has committed ({@link Completions}). Figures are taken over a window after a warm-up: completed cases per
 * second, the open-case latency, statements and commits per completed case, CPU and heap.
 */
public final class CaseLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CaseLoad.class);

  /**
   * How long a poller waits after a look that found nothing new. The pollers stand for agents' task lists and the
   * carrier's view of its parcels; their queries run on the same database, whose CPU counts as the application's. At
   * 10 ms the three pollers of the full flow asked some 300 times a second, more than the cases needed and far more
   * than people's task lists do, and took a fifth of the JVM's CPU; 100 ms still finds a waiting task within a tenth of
   * a second.
   */
  static final Duration IDLE_POLL = Duration.ofMillis(100);

  /**
   * The CPU the load generator's threads spend doing the application's own work: a task completed through the
   * TaskService (Tasklist's request would do it on the web server's thread), a message correlated, a bare case started
   * through the RuntimeService. Measured around each such call and given back to the application: before, the
   * engine's work for the review and the inspection counted as the load generator's.
   */
  static final ThreadCpuTally APPLICATION_WORK = new ThreadCpuTally();

  private final BenchmarkApp app;
  private final Flow flow;
  private final BenchmarkSettings settings;
  private final ExecutorService workers;
  private final ExecutorService openers;
  private final List<Thread> pollers = new ArrayList<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean opening = new AtomicBoolean(false);
  private final AtomicLong opened = new AtomicLong();
  private final Set<String> openedKeys = ConcurrentHashMap.newKeySet();
  private final long completedBefore;
  private volatile Semaphore inFlight = new Semaphore(0);
  private volatile ConcurrentLinkedQueue<Long> latencies = null;

  public CaseLoad(BenchmarkApp app, Flow flow, BenchmarkSettings settings) {
    this.app = app;
    this.flow = flow;
    this.settings = settings;
    this.completedBefore = app.completions().count(flow.key());
    this.workers = Executors.newFixedThreadPool(settings.workers(), named("bench-worker"));
    this.openers = Executors.newFixedThreadPool(settings.openers(), named("bench-opener"));
    app.completions().onCompletion(key -> {
      if (key.equals(flow.key())) {
        inFlight.release();
      }
    });
    for (Flow.Step step : flow.steps()) {
      Thread poller = new Thread(() -> poll(step), "bench-poll-" + step.name());
      poller.setDaemon(true);
      pollers.add(poller);
      poller.start();
    }
  }

  /** The cases this load opened (business keys). */
  public Set<String> openedKeys() {
    return Set.copyOf(openedKeys);
  }

  /** Errors while doing steps or opening, by kind (retried; a case whose step failed is tried again). */
  public Map<String, Long> errors() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** Completed cases of this load so far. */
  public long completed() {
    return app.completions().count(flow.key()) - completedBefore;
  }

  /** The most the application completes: a closed loop of {@code concurrency} cases in flight. */
  public Result runAtMaximum() throws InterruptedException {
    inFlight = new Semaphore(settings.concurrency());
    opening.set(true);
    for (int i = 0; i < settings.openers(); i++) {
      openers.submit(this::openWhilePermitted);
    }
    Result result = measure("max", 0);
    opening.set(false);
    return result;
  }

  /** Cases arriving at a fixed rate per second; the open-case latency counts from when each should have started. */
  public Result runAtRate(double perSecond) throws InterruptedException {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("Arrival rate must be above 0, was " + perSecond);
    }
    int cap = settings.concurrency() * 4;
    inFlight = new Semaphore(cap);
    opening.set(true);
    AtomicLong skipped = new AtomicLong();
    Thread pacer = new Thread(() -> {
      long start = System.nanoTime();
      long period = (long) (1e9 / perSecond);
      for (long n = 0; opening.get(); n++) {
        long due = start + n * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!inFlight.tryAcquire()) {
          skipped.incrementAndGet();
          continue;
        }
        openers.submit(() -> openOne(due));
      }
    }, "bench-pacer");
    pacer.setDaemon(true);
    pacer.start();
    Result result = measure("rate", perSecond);
    opening.set(false);
    pacer.join(5000);
    if (skipped.get() > 0) {
      errors.computeIfAbsent("arrivals skipped: " + cap + " cases in flight", k -> new LongAdder()).add(skipped.get());
    }
    return result;
  }

  /** Opens exactly {@code cases} cases, as fast as {@code concurrency} allows, and waits for all of them. */
  public Result runCases(int cases) throws InterruptedException {
    inFlight = new Semaphore(settings.concurrency());
    long start = System.nanoTime();
    Window window = Window.start(app.sql(), completed(), app.database().equals("mariadb"));
    latencies = new ConcurrentLinkedQueue<>();
    AtomicLong toOpen = new AtomicLong(cases);
    opening.set(true);
    for (int i = 0; i < settings.openers(); i++) {
      openers.submit(() -> {
        while (opening.get() && toOpen.getAndDecrement() > 0) {
          inFlight.acquireUninterruptibly();
          openOne(System.nanoTime());
        }
      });
    }
    boolean done = awaitDrained(cases);
    opening.set(false);
    Result result = window.end("cases", 0, completed(), System.nanoTime() - start, latencies, errors());
    if (!done) {
      throw new IllegalStateException(flow.key() + ": only " + completed() + " of " + cases + " cases completed within "
          + settings.drain() + "; errors " + errors());
    }
    return result;
  }

  /**
   * Warm-up, then the timed window without counting statements (CPU, cases per second, latency: what the application
   * costs, not what counting it costs); after a maximum-rate window, at the same load, the count window gives the
   * statements, round trips and commits per case (the runs at a fixed rate count none).
   */
  private Result measure(String mode, double rate) throws InterruptedException {
    sleep(settings.warmup());
    app.sql().counting(false);
    latencies = new ConcurrentLinkedQueue<>();
    Window window = Window.start(app.sql(), completed(), app.database().equals("mariadb"));
    HeapSampler heap = HeapSampler.start();
    long start = System.nanoTime();
    sleep(settings.measure());
    long completedNow = completed();
    long elapsed = System.nanoTime() - start;
    ConcurrentLinkedQueue<Long> samples = latencies;
    latencies = null;
    Result result = window.end(mode, rate, completedNow, elapsed, samples, errors()).withHeap(heap.stop());
    app.sql().counting(true);
    if (mode.equals("max") && !settings.countWindow().isZero()) {
      Window counting = Window.start(app.sql(), completed(), app.database().equals("mariadb"));
      long countStart = System.nanoTime();
      sleep(settings.countWindow());
      result = result.withCounts(counting.end(mode, rate, completed(), System.nanoTime() - countStart, null, Map.of()));
    } else {
      result = result.withCounts(null);
    }
    opening.set(false);
    if (!awaitDrained(opened.get())) {
      log.warn("{}: {} cases still in flight after {}", flow.key(), opened.get() - completed(), settings.drain());
    }
    return result;
  }

  private boolean awaitDrained(long cases) throws InterruptedException {
    long deadline = System.nanoTime() + settings.drain().toNanos();
    while (System.nanoTime() < deadline) {
      if (!opening.get() || opened.get() >= cases) {
        if (completed() >= Math.max(cases, opened.get())) {
          return true;
        }
      }
      Thread.sleep(50);
    }
    return false;
  }

  private void openWhilePermitted() {
    while (opening.get()) {
      try {
        if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          if (opening.get()) {
            openOne(System.nanoTime());
          } else {
            inFlight.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void openOne(long due) {
    try {
      String key = flow.opensInTheApplication() ? APPLICATION_WORK.measured(flow::open) : flow.open();
      long latency = System.nanoTime() - due;
      ConcurrentLinkedQueue<Long> samples = latencies;
      if (samples != null) {
        samples.add(latency);
      }
      openedKeys.add(key);
      opened.incrementAndGet();
    } catch (RuntimeException e) {
      inFlight.release();
      error("open", e);
    }
  }

  private void poll(Flow.Step step) {
    SqlCounter.uncounted();
    while (running.get()) {
      try {
        List<Flow.Item> items = step.poll().get();
        int submitted = 0;
        for (Flow.Item item : items) {
          if (handled.add(item.id())) {
            submitted++;
            workers.submit(() -> act(step, item));
          }
        }
        if (submitted == 0) {
          Thread.sleep(IDLE_POLL.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running.get()) {
          error(step.name() + " poll", e);
          sleepQuietly(100);
        }
      }
    }
  }

  private void act(Flow.Step step, Flow.Item item) {
    try {
      if (step.inTheApplication()) {
        APPLICATION_WORK.measured(() -> step.act().accept(item));
      } else {
        step.act().accept(item);
      }
    } catch (RuntimeException e) {
      error(step.name(), e);
      sleepQuietly(50);
      handled.remove(item.id());
    }
  }

  private void error(String where, RuntimeException e) {
    String kind = where + ": " + e.getClass().getSimpleName();
    boolean[] first = {false};
    // the map creates a kind's counter once, whichever of the load's threads fails first
    errors.computeIfAbsent(kind, k -> {
      first[0] = true;
      return new LongAdder();
    }).increment();
    if (first[0]) {
      // the report counts errors by kind; the first of each kind says what happened (the application's answer)
      log.warn("{} failed (the first {} error; later ones are only counted): {}", where, kind, e.toString());
    }
    log.debug("{} failed", where, e);
  }

  @Override
  public void close() throws InterruptedException {
    opening.set(false);
    running.set(false);
    for (Thread poller : pollers) {
      poller.interrupt();
      poller.join(5000);
    }
    openers.shutdownNow();
    workers.shutdown();
    workers.awaitTermination(30, TimeUnit.SECONDS);
    openers.awaitTermination(30, TimeUnit.SECONDS);
    app.completions().onCompletion(key -> { });
  }

  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * What one run measured. Rates per second of wall time; CPU as a share of all cores (this JVM, and the whole
   * machine with the database and anything else running on it).
   */
  public record Result(String mode, double arrivalRate, long completed, double seconds, double casesPerSecond,
      double openP50Ms, double openP95Ms, double openP99Ms, long openSamples, double statementsPerCase,
      double roundTripsPerCase, double commitsPerCase, double commitsPerSecond, double jvmCpuPercent,
      double machineCpuPercent, double jvmCpuMsPerCase, double benchCpuMsPerCase, double dbCpuMsPerCase,
      double heapPeakMb, Map<String, Long> errors) {

    /** The statements, round trips and commits of the count window {@code counted}; none (NaN) without one. */
    Result withCounts(Result counted) {
      return new Result(mode, arrivalRate, completed, seconds, casesPerSecond, openP50Ms, openP95Ms, openP99Ms,
          openSamples, counted == null ? Double.NaN : counted.statementsPerCase,
          counted == null ? Double.NaN : counted.roundTripsPerCase, counted == null ? Double.NaN : counted.commitsPerCase,
          counted == null ? Double.NaN : counted.commitsPerSecond, jvmCpuPercent, machineCpuPercent, jvmCpuMsPerCase,
          benchCpuMsPerCase, dbCpuMsPerCase, heapPeakMb, errors);
    }

    Result withHeap(double peakMb) {
      return new Result(mode, arrivalRate, completed, seconds, casesPerSecond, openP50Ms, openP95Ms, openP99Ms,
          openSamples, statementsPerCase, roundTripsPerCase, commitsPerCase, commitsPerSecond, jvmCpuPercent,
          machineCpuPercent, jvmCpuMsPerCase, benchCpuMsPerCase, dbCpuMsPerCase, peakMb, errors);
    }

    /** CPU of this JVM per case without the load generator's and the simulators' threads: the application's. */
    public double appCpuMsPerCase() {
      return jvmCpuMsPerCase - benchCpuMsPerCase;
    }
  }

  /** Counts at the start of a window, and the figures at its end. */
  private record Window(SqlCounter sql, SqlCounter.Snapshot start, long completedAtStart, long cpuAtStart,
      Map<Long, Long> benchAtStart, long simulatorsAtStart, long applicationWorkAtStart, long[] machineAtStart,
      long dbCpuAtStart) {

    static Window start(SqlCounter sql, long completed, boolean databaseServer) {
      return new Window(sql, sql.snapshot(), completed, processCpuNanos(), BenchThreads.cpuNanos(),
          SimulatorRequests.cpuNanos(), APPLICATION_WORK.nanos(), MachineCpu.read(),
          databaseServer ? MachineCpu.databaseNanos() : -1);
    }

    Result end(String mode, double rate, long completedNow, long elapsedNanos, ConcurrentLinkedQueue<Long> samples,
        Map<String, Long> errors) {
      SqlCounter.Snapshot counted = sql.snapshot().minus(start);
      long cases = completedNow - completedAtStart;
      double seconds = elapsedNanos / 1e9;
      long[] lat = samples == null ? new long[0] : samples.stream().mapToLong(Long::longValue).sorted().toArray();
      double cores = Runtime.getRuntime().availableProcessors();
      long jvmCpuNanos = processCpuNanos() - cpuAtStart;
      long benchCpuNanos = BenchThreads.cpuNanosSince(benchAtStart, simulatorsAtStart, applicationWorkAtStart);
      long dbCpuNow = MachineCpu.databaseNanos();
      double dbCpuMs = dbCpuAtStart < 0 || dbCpuNow < 0 ? Double.NaN : (dbCpuNow - dbCpuAtStart) / 1e6;
      return new Result(mode, rate, cases, seconds, cases / seconds, percentile(lat, 50), percentile(lat, 95),
          percentile(lat, 99), lat.length, perCase(counted.statements(), cases), perCase(counted.roundTrips(), cases),
          perCase(counted.commits(), cases), counted.commits() / seconds, jvmCpuNanos / (elapsedNanos * cores) * 100,
          MachineCpu.busyPercent(machineAtStart), jvmCpuNanos / 1e6 / cases, benchCpuNanos / 1e6 / cases,
          dbCpuMs / cases, HeapSampler.usedMb(), errors);
    }

    private static double perCase(long count, long cases) {
      return cases == 0 ? Double.NaN : (double) count / cases;
    }

    private static double percentile(long[] sorted, int p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static long processCpuNanos() {
      return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() : 0;
    }
  }

  /**
   * The CPU time of the threads in this JVM that are not the application under test: the load generator's own
   * (openers, pollers, workers, pacer, heap sampler: {@code bench-*}) and the simulators' (their callback senders and
   * GreenMail's SMTP threads). Subtracted from the JVM's CPU to give the application's, less what those threads spent
   * on the application's own work ({@link #APPLICATION_WORK}). Threads that ended within the window (GreenMail's thread
   * per SMTP connection) are not seen, so what is subtracted is, if anything, too little.
   */
  static final class BenchThreads {

    static boolean notTheApplication(String name) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      return lower.startsWith("bench-") || lower.endsWith("-simulator-callbacks") || lower.contains("smtp")
          || lower.contains("greenmail");
    }

    /** CPU nanoseconds so far of each live thread that is not the application, by thread id. */
    static Map<Long, Long> cpuNanos() {
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Long> cpu = new java.util.HashMap<>();
      if (!threads.isThreadCpuTimeSupported()) {
        return cpu;
      }
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && notTheApplication(info.getThreadName())) {
          long nanos = threads.getThreadCpuTime(info.getThreadId());
          if (nanos >= 0) {
            cpu.put(info.getThreadId(), nanos);
          }
        }
      }
      return cpu;
    }

    /**
     * CPU nanoseconds of those threads since {@code start}, and what the application's web server spent answering the
     * simulators ({@link SimulatorRequests}) since {@code simulatorsAtStart}, less what those threads spent on the
     * application's own work ({@link #APPLICATION_WORK}) since {@code applicationWorkAtStart}.
     */
    static long cpuNanosSince(Map<Long, Long> start, long simulatorsAtStart, long applicationWorkAtStart) {
      return cpuNanos().entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum()
          + SimulatorRequests.cpuNanos() - simulatorsAtStart - (APPLICATION_WORK.nanos() - applicationWorkAtStart);
    }
  }

  /**
   * Busy share of all CPUs of the machine, from /proc/stat, and the CPU time of a MariaDB or MySQL server running on
   * this machine, from /proc/[pid]/stat (NaN, or -1, where there is none or no /proc).
   */
  static final class MachineCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    static long databaseNanos() {
      try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
        long ticks = processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
            .filter(p -> {
              try {
                String comm = java.nio.file.Files.readString(p.resolve("comm")).trim();
                return comm.equals("mariadbd") || comm.equals("mysqld");
              } catch (Exception e) {
                return false;
              }
            })
            .mapToLong(p -> {
              try {
                String stat = java.nio.file.Files.readString(p.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
              } catch (Exception e) {
                return 0;
              }
            }).sum();
        return ticks == 0 ? -1 : ticks * NANOS_PER_TICK;
      } catch (Exception e) {
        return -1;
      }
    }

    static long[] read() {
      try {
        String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
        long[] v = Arrays.stream(line.substring(3).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        long total = Arrays.stream(v).limit(8).sum();
        long idle = v[3] + v[4];
        return new long[] {total, idle};
      } catch (Exception e) {
        return null;
      }
    }

    static double busyPercent(long[] start) {
      long[] end = read();
      if (start == null || end == null || end[0] == start[0]) {
        return Double.NaN;
      }
      return 100.0 * (1 - (double) (end[1] - start[1]) / (end[0] - start[0]));
    }
  }

  /** The most heap in use, sampled every 200 ms while measuring. */
  static final class HeapSampler {
    private final AtomicBoolean on = new AtomicBoolean(true);
    private volatile long peak;

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      Thread t = new Thread(() -> {
        while (sampler.on.get()) {
          sampler.peak = Math.max(sampler.peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
          sleepQuietly(200);
        }
      }, "bench-heap");
      t.setDaemon(true);
      t.start();
      return sampler;
    }

    double stop() {
      on.set(false);
      return peak / 1048576.0;
    }

    static double usedMb() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
  }
}
