package org.aftersales.system.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that calls to outside systems (carrier, payment provider, mail server) run on, shared by every client
 * and bounded, instead of threads started per call (issue 21: a body-writer thread per HTTP call, a write-timeout
 * thread per mail, the JDK HTTP client's own cached pool). Idle threads end after a minute; all are daemons.
 *
 * <ul>
 *   <li>{@link #HTTP_CLIENT}: the JDK HTTP clients' own work (connections, answers). It never blocks, so a queue in
 *   front of few threads is enough.</li>
 *   <li>{@link #BODY_WRITERS}: Spring's JDK request factory writes each request body on a thread while the client
 *   reads it; a writer waits only for the client, which runs on {@link #HTTP_CLIENT}, so writers queued behind a
 *   full pool wait for an earlier call to finish and never for each other.</li>
 *   <li>{@link #MAIL_WRITE_TIMEOUTS}: Jakarta Mail's watch over a write that takes longer than
 *   {@code mail.smtp.writetimeout} (it started a scheduler per connection).</li>
 *   <li>{@link #MAIL_RELAY}: the notification relay's wake-ups after a commit (one thread: the mails go out one after
 *   the other, and a wake-up while it sends runs once more after it).</li>
 * </ul>
 */
public final class OutboundExecutors {

  public static final int HTTP_CLIENT_THREADS = 2;
  public static final int BODY_WRITER_THREADS = 8;

  public static final ExecutorService HTTP_CLIENT = bounded("outbound-http", HTTP_CLIENT_THREADS);
  public static final ExecutorService BODY_WRITERS = bounded("outbound-http-body", BODY_WRITER_THREADS);
  public static final ScheduledExecutorService MAIL_WRITE_TIMEOUTS = scheduler("mail-write-timeout");
  public static final ExecutorService MAIL_RELAY = bounded("mail-relay", 1);

  private OutboundExecutors() {}

  private static ExecutorService bounded(String name, int threads) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemons(name));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemons(name));
    // a write that finished cancels its timeout: drop it at once instead of keeping it until it would have run
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(60, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Threads named {@code name-1}, {@code name-2}, ...: daemons, so that they never keep the JVM alive. */
  public static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
