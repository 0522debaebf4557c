package io.switchboard.cli.exit;

import java.util.Objects;

/**
 * A failure the user must see: its message is printed on standard error as is, and it ends a
 * non-interactive run with {@link #status()}. Messages are complete sentences that say what to do
 * next; they never contain secrets (tokens, passwords).
 */
public final class CliFailure extends RuntimeException {

  private final ExitStatus status;

  private CliFailure(ExitStatus status, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.status = status;
  }

  /** The command line is wrong: exit status 1. */
  public static CliFailure usage(String message) {
    return new CliFailure(ExitStatus.USAGE_ERROR, message, null);
  }

  /** The control plane is unreachable or refused the caller: exit status 2. */
  public static CliFailure noAccess(String message, Throwable cause) {
    return new CliFailure(ExitStatus.NO_ACCESS, message, cause);
  }

  /** The operation failed for any other reason: exit status 3. */
  public static CliFailure operationFailed(String message, Throwable cause) {
    return new CliFailure(ExitStatus.OPERATION_FAILED, message, cause);
  }

  /** The exit status this failure ends a non-interactive run with; never {@code SUCCESS}. */
  public ExitStatus status() {
    return status;
  }
}
