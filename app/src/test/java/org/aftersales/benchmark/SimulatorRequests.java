package org.aftersales.benchmark;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * The CPU the application's web server spends answering the carrier and payment simulators ({@code /simulators/*}:
 * bookings, refund requests, status queries), so that the benchmark can take it off the application's CPU as it
 * does the simulators' own threads: in production those requests go to the carrier and the payment provider, not
 * to this JVM. Measured per request on the serving thread, first filter to last (what the web server does before
 * the first filter is not seen: the subtraction is, if anything, too small).
 */
final class SimulatorRequests implements Filter {

  private static final ThreadCpuTally CPU = new ThreadCpuTally();

  /** CPU nanoseconds spent on simulator requests in this JVM so far. */
  static long cpuNanos() {
    return CPU.nanos();
  }

  /** The filter, first of all, on the simulators' paths. */
  static FilterRegistrationBean<SimulatorRequests> registration() {
    FilterRegistrationBean<SimulatorRequests> registration = new FilterRegistrationBean<>(new SimulatorRequests());
    registration.addUrlPatterns("/simulators/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setName("benchmarkSimulatorRequests");
    return registration;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = CPU.start();
    try {
      chain.doFilter(request, response);
    } finally {
      CPU.stop(start);
    }
  }
}
