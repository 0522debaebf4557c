package io.switchboard.controlplane.operation;

/** A request for an operation that cannot be planned as asked; the message says why. */
public class InvalidOperationException extends IllegalArgumentException {

  public InvalidOperationException(String message) {
    super(message);
  }
}
