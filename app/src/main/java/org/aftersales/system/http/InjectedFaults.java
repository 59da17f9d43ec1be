package org.aftersales.system.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Faults a simulator injects into the requests that change something at the outside system (a booking, a
 * refund, a charge), so that tests and operators can see how our clients and flows take them:
 * <ul>
 *   <li><b>error</b>: the next requests fail with 500 before anything is done;</li>
 *   <li><b>slow</b>: the next requests wait before they are carried out; longer than the client's read
 *   timeout, the client gives up while the request is still carried out, as with a real slow provider;</li>
 *   <li><b>answer lost</b>: the next requests are carried out, then answered 504 as a gateway between the two
 *   would when the answer does not come: the provider has done it, the client does not know.</li>
 * </ul>
 * The waits happen outside the simulator's lock, so a slow request does not hold up the others. Faults apply to
 * the requests that arrive after they were set: a request that was still waiting when new faults were set does
 * not use them up.
 */
public final class InjectedFaults {

  /** The longest wait a simulator may be told to make. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(2);

  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();
  private final AtomicInteger answersLost = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  private final ThreadLocal<Integer> arrivedIn = new ThreadLocal<>();
  private volatile Duration delay = Duration.ZERO;

  /** Sets the faults for the next requests (replacing earlier ones). */
  public void set(int errorNext, int slowNext, Duration slowFor, int answerLostNext) {
    if (slowFor.isNegative() || slowFor.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("A simulated delay must be between 0 and " + MAX_DELAY);
    }
    errors.set(errorNext);
    slow.set(slowNext);
    delay = slowFor;
    answersLost.set(answerLostNext);
    generation.incrementAndGet();
  }

  public void reset() {
    set(0, 0, Duration.ZERO, 0);
  }

  /** Before a request is carried out: fails it (500) or makes it wait, if so told. */
  public void beforeWork() {
    arrivedIn.set(generation.get());
    if (take(errors)) {
      throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "Simulated internal error");
    }
    if (take(slow)) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted while slow");
      }
    }
  }

  /** After a request was carried out: loses its answer (504), if so told. */
  public void afterWork() {
    Integer arrived = arrivedIn.get();
    arrivedIn.remove();
    if (arrived != null && arrived == generation.get() && take(answersLost)) {
      throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
          "Simulated lost answer: the request was carried out but its answer did not arrive");
    }
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }
}
