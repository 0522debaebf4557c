package io.switchboard.runtime.serving;

import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MessagingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns calls of the messaging service into the futures {@link
 * io.switchboard.runtime.protocol.MessagingEndpoint} promises: never thrown at the caller, failing
 * only with what {@link ServiceMessagingEndpoint#toProtocolFailure} makes of a failure.
 */
final class Answers {

  private Answers() {}

  /**
   * Starts {@code call} on the calling thread (so that calls start in call order) and converts its
   * result with {@code convert}. A synchronous throw, a failure of the future and a throw of {@code
   * convert} all fail the returned future.
   */
  static <S, T> CompletableFuture<T> of(
      Supplier<CompletableFuture<S>> call, Function<? super S, ? extends T> convert) {
    CompletableFuture<S> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(ServiceMessagingEndpoint.toProtocolFailure(e));
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    started.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            answer.completeExceptionally(ServiceMessagingEndpoint.toProtocolFailure(failure));
            return;
          }
          try {
            answer.complete(convert.apply(value));
          } catch (RuntimeException e) {
            answer.completeExceptionally(ServiceMessagingEndpoint.toProtocolFailure(e));
          }
        });
    return answer;
  }

  /**
   * Runs a blocking read on {@code executor}, never on the calling thread. An executor that refuses
   * the task (it is shutting down) fails the answer with {@link ErrorCode#UNAVAILABLE}: the read
   * was not carried out and may be retried elsewhere.
   */
  static <T> CompletableFuture<T> read(Executor executor, Supplier<T> read) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              answer.complete(read.get());
            } catch (RuntimeException e) {
              answer.completeExceptionally(ServiceMessagingEndpoint.toProtocolFailure(e));
            }
          });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(
          new MessagingException(ErrorCode.UNAVAILABLE, "the node is not serving reads now"));
    }
    return answer;
  }
}
