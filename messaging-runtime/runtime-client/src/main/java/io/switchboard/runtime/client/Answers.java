package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ServerFrame;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/** Checks the frames that answer requests. Stateless. */
final class Answers {

  private Answers() {}

  /**
   * {@code answer} if it carries the {@code expected} body.
   *
   * @throws CompletionException wrapping a {@link GatewayException} for an error answer, or an
   *     {@link IOException} for any other unexpected body
   */
  static ServerFrame body(ServerFrame answer, ServerFrame.BodyCase expected) {
    if (answer.hasError()) {
      throw new CompletionException(new GatewayException(answer.getError()));
    }
    if (answer.getBodyCase() != expected) {
      throw new CompletionException(
          new IOException(
              "the gateway answered with " + answer.getBodyCase() + " instead of " + expected));
    }
    return answer;
  }
}
