package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.output.OutputFormat;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Starts a durable operation the way every command that changes the cluster does ({@code shard
 * switchover}, {@code node drain}, {@code node restart}, {@code drill run}):
 *
 * <ol>
 *   <li>Asks the control plane for a dry run of the request and shows the plan; with {@code
 *       --dry-run} that is all (the plan is the result).
 *   <li>Asks the command's question about the plan unless {@code --yes}; any answer but {@code y}
 *       changes nothing and exits with status 3 ({@link OperationConsole#confirm}).
 *   <li>Creates the operation, with the parameters the command derives from the confirmed plan.
 *   <li>An operation that waits for approval is not watched: the result says who must approve it
 *       (exit status 0). With {@code --no-watch} the result is the created operation and how to
 *       follow it. Otherwise it is watched until it has finished ({@link OperationWatcher}): exit
 *       status 0 only if it SUCCEEDED, 3 if it FAILED, was CANCELLED or ROLLED_BACK.
 * </ol>
 *
 * With {@code --output json} standard output carries exactly one JSON document: the plan (with
 * {@code --dry-run}), the created operation ({@code --no-watch}, or waiting for approval) or the
 * finished operation; the plan is printed before the question only in table format.
 */
final class OperationLauncher {

  private final OperationConsole console;
  private final OperationWatcher watcher;

  OperationLauncher(OperationConsole console, OperationWatcher watcher) {
    this.console = console;
    this.watcher = watcher;
  }

  /**
   * The options every launching command takes.
   *
   * @param dryRun {@code --dry-run}: only show the plan
   * @param yes {@code --yes}: do not ask
   * @param noWatch {@code --no-watch}: return once created
   * @param format {@code --output}
   */
  record Options(boolean dryRun, boolean yes, boolean noWatch, OutputFormat format) {}

  /**
   * Plans, confirms, creates and watches an operation of {@code type}, created with the same
   * parameters as its dry run.
   *
   * @param question the confirmation question for the plan, ending with {@code [y/N] }
   * @return the text or JSON to print
   * @throws io.switchboard.cli.exit.CliFailure exit status 3 when not confirmed or when the watched
   *     operation did not succeed; any failure of the control plane's answers
   */
  String launch(
      OperationApi operations,
      String type,
      Map<String, String> parameters,
      Options options,
      Function<OperationView, String> question) {
    return launch(operations, type, parameters, options, question, plan -> parameters);
  }

  /**
   * Like {@link #launch(OperationApi, String, Map, Options, Function)}, created with the parameters
   * {@code confirmed} derives from the plan (for example the target the plan chose, so that the
   * operation does exactly what was confirmed).
   */
  String launch(
      OperationApi operations,
      String type,
      Map<String, String> parameters,
      Options options,
      Function<OperationView, String> question,
      Function<OperationView, Map<String, String>> confirmed) {
    return launch(
        operations,
        type,
        parameters,
        options,
        question,
        confirmed,
        (finished, format) -> console.result(finished, format));
  }

  /**
   * Like {@link #launch(OperationApi, String, Map, Options, Function, Function)}, the result of a
   * watched operation being {@code result} of the finished operation (for example its details
   * followed by what it produced); it is printed and exits with status 3 unless the operation
   * SUCCEEDED, like every watched operation.
   */
  String launch(
      OperationApi operations,
      String type,
      Map<String, String> parameters,
      Options options,
      Function<OperationView, String> question,
      Function<OperationView, Map<String, String>> confirmed,
      BiFunction<OperationView, OutputFormat, String> result) {
    OutputFormat format = options.format();
    OperationView plan = operations.create(new OperationRequest(type, parameters, true));
    if (options.dryRun()) {
      return format == OutputFormat.JSON ? console.json(plan) : OperationText.plan(plan);
    }
    if (format == OutputFormat.TABLE) {
      console.print(OperationText.plan(plan) + "\n");
    }
    console.confirm(question.apply(plan), options.yes());

    OperationView created =
        operations.create(new OperationRequest(type, confirmed.apply(plan), false));
    if (OperationStates.awaitingApproval(created)) {
      String text = console.show(created, format);
      return format == OutputFormat.JSON
          ? text
          : text
              + "\n\nOperation "
              + created.id()
              + " waits for a second person's approval: an ADMIN runs 'op approve "
              + created.id()
              + "'.";
    }
    if (options.noWatch()) {
      String text = console.show(created, format);
      return format == OutputFormat.JSON
          ? text
          : text + "\n\nStarted. Follow it with: op watch " + created.id();
    }
    OperationView finished =
        watcher.watch(created, () -> operations.get(created.id()), console.progress(format));
    return console.finished(finished, result.apply(finished, format));
  }
}
