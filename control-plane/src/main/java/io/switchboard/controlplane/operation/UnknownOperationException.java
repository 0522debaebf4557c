package io.switchboard.controlplane.operation;

import java.util.NoSuchElementException;

/** No operation has the id asked for. */
public class UnknownOperationException extends NoSuchElementException {

  public UnknownOperationException(String message) {
    super(message);
  }
}
