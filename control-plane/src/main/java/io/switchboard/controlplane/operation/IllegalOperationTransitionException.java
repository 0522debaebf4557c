package io.switchboard.controlplane.operation;

/**
 * A transition an {@link Operation} refuses in its current state (approving a running operation,
 * approving one's own request, cancelling a finished one, ...). The message names the operation,
 * its state and what the transition requires.
 */
public class IllegalOperationTransitionException extends IllegalStateException {

  public IllegalOperationTransitionException(String message) {
    super(message);
  }
}
