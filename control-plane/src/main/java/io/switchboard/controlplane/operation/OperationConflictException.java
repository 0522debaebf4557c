package io.switchboard.controlplane.operation;

/** An operation refused because an active one holds what it would touch; the message names it. */
public class OperationConflictException extends IllegalStateException {

  public OperationConflictException(String message) {
    super(message);
  }
}
