package io.switchboard.runtime.messaging;

import java.util.Objects;

/**
 * A request the messaging runtime refused, with the typed reason. Futures of {@link
 * MessagingService} complete exceptionally with it (wrapped in a {@link
 * java.util.concurrent.CompletionException} by {@code join}); its read methods throw it.
 */
public class MessagingException extends RuntimeException {

  private final Rejection rejection;

  public MessagingException(Rejection rejection, String message) {
    super(message);
    this.rejection = Objects.requireNonNull(rejection, "rejection");
  }

  /** Why the request was refused; clients branch on this, never on the message. */
  public Rejection rejection() {
    return rejection;
  }
}
