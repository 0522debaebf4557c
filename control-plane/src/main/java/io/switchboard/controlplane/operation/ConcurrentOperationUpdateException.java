package io.switchboard.controlplane.operation;

/**
 * An update of an {@link Operation} refused because someone else changed the stored operation after
 * it was read (optimistic locking). Read it again and apply the change on top.
 */
public class ConcurrentOperationUpdateException extends IllegalStateException {

  public ConcurrentOperationUpdateException(String message) {
    super(message);
  }
}
