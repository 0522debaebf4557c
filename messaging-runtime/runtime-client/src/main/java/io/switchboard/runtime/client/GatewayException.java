package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.Error;
import io.switchboard.runtime.protocol.ErrorCode;
import java.io.IOException;

/**
 * The gateway answered a request with an error frame. Callers branch on {@link #code()}, never on
 * the message. An {@link IOException} so that callers handling network failures handle rejections
 * too.
 */
public final class GatewayException extends IOException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public GatewayException(ErrorCode code, String gatewayMessage) {
    super("gateway rejected the request with " + code + ": " + gatewayMessage);
    this.code = code;
  }

  /** The exception for an error frame's body. */
  public GatewayException(Error error) {
    this(error.getCode(), error.getMessage());
  }

  /** Why the gateway rejected the request. */
  public ErrorCode code() {
    return code;
  }
}
