package io.switchboard.cli.exit;

/**
 * The process exit status of a non-interactive run ({@code switchboard-cli <command> ...}).
 *
 * <p>Contract, relied on by scripts and runbooks:
 *
 * <ul>
 *   <li>{@code 0} {@link #SUCCESS}: the command did what it was asked.
 *   <li>{@code 1} {@link #USAGE_ERROR}: the command line is wrong (unknown command, unknown option,
 *       missing or bad option value); nothing was sent to the control plane.
 *   <li>{@code 2} {@link #NO_ACCESS}: the control plane cannot be reached (connection refused,
 *       timeout, unknown host) or refused the caller (HTTP 401/403); the message says whether to
 *       check the URL or to run {@code login} / check the token.
 *   <li>{@code 3} {@link #OPERATION_FAILED}: the control plane answered with any other error (for
 *       example 404, 409, 5xx), or the command failed locally; also when a watched durable
 *       operation ({@code shard switchover}, {@code op watch}) ended FAILED, CANCELLED or
 *       ROLLED_BACK (its result is still printed on standard output), and when a confirmation
 *       question was not answered {@code y} (nothing was changed).
 * </ul>
 *
 * <p>The human-readable reason always goes to standard error; standard output carries only the
 * command's result.
 */
public enum ExitStatus {
  SUCCESS(0),
  USAGE_ERROR(1),
  NO_ACCESS(2),
  OPERATION_FAILED(3);

  /** The exit status contract in one sentence, for command descriptions shown by {@code help}. */
  public static final String HELP =
      "Exit status: 0 ok; 1 usage error; 2 control plane unreachable or access refused (run"
          + " 'login' or check the token); 3 the operation failed.";

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }
}
