package org.aftersales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's work that the load generator's threads do for the application (a task completed, a message
 * correlated) is measured on the calling thread and counted as the application's CPU, not the load generator's.
 */
class ApplicationWorkTest {

  @Test
  void theCpuOfTheApplicationsWorkOnALoadThreadIsCountedAndItsResultPassedOn() {
    long before = CaseLoad.APPLICATION_WORK.nanos();

    long result = CaseLoad.APPLICATION_WORK.measured(() -> {
      long sum = 0;
      for (int round = 0; round < 200; round++) {
        sum += List.of(round, round + 1, round + 2).stream().mapToLong(Integer::longValue).sum();
        sum += String.valueOf(Math.sqrt(sum)).hashCode() & 0xff;
        for (int i = 0; i < 20_000; i++) {
          sum ^= (sum << 7) + i;
        }
      }
      return sum;
    });

    assertThat(result).isNotZero();
    assertThat(CaseLoad.APPLICATION_WORK.nanos()).isGreaterThan(before);
  }

  @Test
  void aStepDoneInTheApplicationSaysSoAndACallFromOutsideDoesNot() {
    assertThat(Flow.Step.inTheApplication("review", List::of, item -> { }).inTheApplication()).isTrue();
    assertThat(Flow.Step.fromOutside("parcel", List::of, item -> { }).inTheApplication()).isFalse();
  }
}
