package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Progress on a terminal: one line redrawn in place ({@code CR}, the text, {@code ESC [ K}) with
 * the progress of the current step, and above it one line per step once it has finished, each
 * printed once. Only for real terminals: the control sequences would litter a file or a pipe.
 */
final class LiveProgress implements Progress {

  /** Carriage return, then erase to the end of the line. */
  private static final String CLEAR_LINE = "\r\u001b[K";

  private final PrintWriter out;
  private final int width;
  private final Clock clock;
  private final Instant started;
  private final Set<Integer> reportedSteps = new HashSet<>();
  private boolean lineDrawn;

  /**
   * @param out the terminal's writer
   * @param width the terminal's width in columns; the progress line is cut to fit, since a wrapped
   *     line cannot be redrawn in place ({@code 0} when unknown: 80 is assumed)
   * @param clock for the time shown since watching started
   */
  LiveProgress(PrintWriter out, int width, Clock clock) {
    this.out = out;
    this.width = width > 0 ? width : 80;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public void update(OperationView operation) {
    List<StepView> steps = operation.steps() == null ? List.of() : operation.steps();
    for (int index = 0; index < steps.size(); index++) {
      StepView step = steps.get(index);
      if (OperationStates.finished(step) && reportedSteps.add(index)) {
        clearLine();
        out.println(OperationText.stepResult(index, steps.size(), step));
      }
    }
    if (OperationStates.finished(operation)) {
      clearLine();
    } else {
      String line = OperationText.progress(operation, Duration.between(started, clock.instant()));
      out.print(CLEAR_LINE + fit(line));
      lineDrawn = true;
    }
    out.flush();
  }

  @Override
  public void end() {
    clearLine();
    out.flush();
  }

  private void clearLine() {
    if (lineDrawn) {
      out.print(CLEAR_LINE);
      lineDrawn = false;
    }
  }

  private String fit(String line) {
    int room = width - 1;
    return line.length() <= room ? line : line.substring(0, Math.max(0, room - 3)) + "...";
  }
}
