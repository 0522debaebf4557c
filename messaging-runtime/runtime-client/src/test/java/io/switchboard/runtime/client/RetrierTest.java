package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.ErrorCode;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Retrier retrier =
      new Retrier(
          new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)),
          new SplittableRandom(1),
          scheduler);
  private final AtomicInteger attempts = new AtomicInteger();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void repeatsAnIdempotentAttemptAfterPassingFailuresUntilItSucceeds() {
    CompletableFuture<String> outcome =
        retrier.run(
            () ->
                switch (attempts.incrementAndGet()) {
                  case 1 ->
                      CompletableFuture.failedFuture(new ConnectionLostException("reset", null));
                  case 2 ->
                      CompletableFuture.failedFuture(
                          new GatewayException(ErrorCode.INTERNAL, "oops"));
                  default -> CompletableFuture.completedFuture("sent");
                },
            true);

    assertThat(outcome).succeedsWithin(WAIT).isEqualTo("sent");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void givesUpAfterTheLastAttemptWithItsFailure() {
    CompletableFuture<String> outcome =
        retrier.run(
            () -> {
              attempts.incrementAndGet();
              return CompletableFuture.failedFuture(new TimeoutException("slow"));
            },
            true);

    assertThat(outcome)
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(TimeoutException.class);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void doesNotRepeatARefusalOrAnAttemptThatIsNotIdempotent() {
    CompletableFuture<String> refused =
        retrier.run(
            () -> {
              attempts.incrementAndGet();
              return CompletableFuture.failedFuture(
                  new GatewayException(ErrorCode.PEER_UNKNOWN, "nobody"));
            },
            true);
    CompletableFuture<String> once =
        retrier.run(
            () -> {
              attempts.incrementAndGet();
              return CompletableFuture.failedFuture(new ConnectionLostException("reset", null));
            },
            false);

    assertThat(refused)
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(GatewayException.class);
    assertThat(once)
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(ConnectionLostException.class);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void stopsRetryingOnceTheClientIsClosing() {
    scheduler.shutdown();

    CompletableFuture<String> outcome =
        retrier.run(
            () -> {
              attempts.incrementAndGet();
              return CompletableFuture.failedFuture(new ConnectionLostException("reset", null));
            },
            true);

    assertThat(outcome).isCompletedExceptionally();
    assertThat(attempts).hasValue(1);
  }

  @Test
  void passingFailuresAreTheOnesWhoseOutcomeIsUnknownOrTransient() {
    assertThat(Retrier.isPassing(new GatewayException(ErrorCode.UNAVAILABLE, ""))).isTrue();
    assertThat(Retrier.isPassing(new GatewayException(ErrorCode.WRONG_SHARD, ""))).isTrue();
    assertThat(Retrier.isPassing(new GatewayException(ErrorCode.TEXT_TOO_LONG, ""))).isFalse();
    assertThat(Retrier.isPassing(new GatewayException(ErrorCode.AUTH_REQUIRED, ""))).isFalse();
    assertThat(Retrier.isPassing(new IllegalStateException())).isFalse();
  }

  @Test
  void closingFailsAnOutcomeThatWaitsForItsRetry() {
    Retrier slowRetrier =
        new Retrier(
            new RetryPolicy(3, Duration.ofHours(1), Duration.ofHours(1)),
            new SplittableRandom(1),
            scheduler);
    CompletableFuture<String> outcome =
        slowRetrier.run(
            () -> {
              attempts.incrementAndGet();
              return CompletableFuture.failedFuture(new ConnectionLostException("reset", null));
            },
            true);
    assertThat(attempts).hasValue(1);

    scheduler.shutdownNow();
    slowRetrier.close(new ConnectionLostException("the client was closed", null));

    assertThat(outcome)
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ConnectionLostException.class)
        .withMessageContaining("the client was closed");
  }
}
