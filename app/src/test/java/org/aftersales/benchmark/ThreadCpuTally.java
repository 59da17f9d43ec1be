package org.aftersales.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The CPU time spent on one kind of work, on whichever threads do it: measured around each piece on the thread that
 * does it, and added up. The benchmark uses it to move CPU between the application's share and its own.
 */
final class ThreadCpuTally {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final LongAdder nanos = new LongAdder();

  /** CPU nanoseconds counted so far. */
  long nanos() {
    return nanos.sum();
  }

  /** This thread's CPU time now, to give to {@link #stop} after the work (negative where it cannot be read). */
  long start() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Counts this thread's CPU time since {@code start}. */
  void stop(long start) {
    if (start >= 0) {
      nanos.add(THREADS.getCurrentThreadCpuTime() - start);
    }
  }

  /** Does {@code work} on this thread and counts its CPU time. */
  <T> T measured(Supplier<T> work) {
    long start = start();
    try {
      return work.get();
    } finally {
      stop(start);
    }
  }

  /** Does {@code work} on this thread and counts its CPU time. */
  void measured(Runnable work) {
    measured(() -> {
      work.run();
      return null;
    });
  }
}
