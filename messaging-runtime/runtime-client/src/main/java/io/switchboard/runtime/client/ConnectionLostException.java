package io.switchboard.runtime.client;

import java.io.IOException;

/**
 * The connection a request travelled on ended before its answer came: whether the gateway carried
 * it out is unknown. Idempotent requests are retried by the client; this reaches the caller of
 * other requests, or when the retries are used up.
 */
public final class ConnectionLostException extends IOException {

  private static final long serialVersionUID = 1L;

  public ConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
