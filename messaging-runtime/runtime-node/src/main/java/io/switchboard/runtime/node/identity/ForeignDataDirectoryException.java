package io.switchboard.runtime.node.identity;

import java.io.IOException;

/** A data directory that belongs to another node, or whose identity file cannot be trusted. */
public final class ForeignDataDirectoryException extends IOException {

  private static final long serialVersionUID = 1L;

  public ForeignDataDirectoryException(String message) {
    super(message);
  }
}
