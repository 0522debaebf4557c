package io.switchboard.console.operations;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How operations and their steps look: badge colours, step icons, progress and times. Pure (no
 * components, no session), so that it is tested on its own.
 */
public final class OperationPresentation {

  /** States after which an operation never changes again. */
  public static final Set<String> FINISHED_STATES =
      Set.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK");

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private OperationPresentation() {}

  /** Whether an operation in {@code state} has ended (nothing more to watch). */
  public static boolean isFinished(String state) {
    return state != null && FINISHED_STATES.contains(state);
  }

  /**
   * The Lumo badge variant for an operation state: green SUCCEEDED, red FAILED and ROLLED_BACK,
   * amber PLANNED (waits to start or for an approval), filled blue RUNNING, plain (blue) APPROVED,
   * grey CANCELLED and anything unknown.
   */
  public static String stateTheme(String state) {
    return switch (state == null ? "" : state) {
      case "SUCCEEDED" -> "success";
      case "FAILED", "ROLLED_BACK" -> "error";
      case "PLANNED" -> "warning";
      case "RUNNING" -> "primary";
      case "APPROVED" -> "";
      default -> "contrast";
    };
  }

  /** The Lumo badge variant for an audit outcome: SUCCEEDED green, FAILED and DENIED red. */
  public static String outcomeTheme(String outcome) {
    return switch (outcome == null ? "" : outcome) {
      case "SUCCEEDED" -> "success";
      case "FAILED", "DENIED" -> "error";
      default -> "contrast";
    };
  }

  /** How a step in a given state is drawn: an icon and its colour (a Lumo custom property). */
  public enum StepLook {
    PENDING(VaadinIcon.CIRCLE_THIN, "var(--lumo-contrast-50pct)"),
    RUNNING(VaadinIcon.PLAY_CIRCLE, "var(--lumo-primary-text-color)"),
    SUCCEEDED(VaadinIcon.CHECK_CIRCLE, "var(--lumo-success-text-color)"),
    FAILED(VaadinIcon.CLOSE_CIRCLE, "var(--lumo-error-text-color)"),
    SKIPPED(VaadinIcon.MINUS_CIRCLE, "var(--lumo-contrast-50pct)");

    private final VaadinIcon icon;
    private final String colour;

    StepLook(VaadinIcon icon, String colour) {
      this.icon = icon;
      this.colour = colour;
    }

    public VaadinIcon icon() {
      return icon;
    }

    public String colour() {
      return colour;
    }

    /** The look of a step state; an unknown state looks PENDING. */
    public static StepLook of(String stepState) {
      if (stepState == null) {
        return PENDING;
      }
      try {
        return valueOf(stepState.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        return PENDING;
      }
    }
  }

  /** Whether a step is behind us: it succeeded or was skipped. */
  static boolean isDone(StepView step) {
    return "SUCCEEDED".equals(step.state()) || "SKIPPED".equals(step.state());
  }

  /** The steps done, from 0 to their number. */
  public static long doneSteps(List<StepView> steps) {
    return steps == null ? 0 : steps.stream().filter(OperationPresentation::isDone).count();
  }

  /**
   * The share of the operation behind us, from 0 to 1: the steps done over all steps; 1 for a
   * SUCCEEDED operation whatever its steps say, 0 without steps otherwise.
   */
  public static double progress(OperationView operation) {
    if ("SUCCEEDED".equals(operation.state())) {
      return 1.0;
    }
    List<StepView> steps = operation.steps();
    if (steps == null || steps.isEmpty()) {
      return 0.0;
    }
    return (double) doneSteps(steps) / steps.size();
  }

  /** "2 of 4 steps done". */
  public static String progressLabel(OperationView operation) {
    int total = operation.steps() == null ? 0 : operation.steps().size();
    return doneSteps(operation.steps()) + " of " + total + " steps done";
  }

  /** The progress bar's variant: success when it succeeded, error when it failed, else none. */
  public static String progressTheme(String state) {
    return switch (state == null ? "" : state) {
      case "SUCCEEDED" -> "success";
      case "FAILED", "ROLLED_BACK" -> "error";
      case "CANCELLED" -> "contrast";
      default -> "";
    };
  }

  /** "2026-11-25 10:00:00 UTC", or an empty string. */
  public static String dateTime(Instant at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  /** "10:00:00", or an empty string. */
  public static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** "850 ms", "3.2 s", "2 min 5 s"; empty when it has not both started and ended. */
  public static String duration(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    Duration d = Duration.between(from, to);
    if (d.isNegative()) {
      return "";
    }
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /**
   * The timing line of a step: "started 10:00:00 · finished 10:00:01 (1.2 s)", "started 10:00:00",
   * or "not started".
   */
  public static String stepTiming(StepView step) {
    if (step.startedAt() == null) {
      return "SKIPPED".equals(step.state()) ? "skipped" : "not started";
    }
    String line = "started " + time(step.startedAt());
    if (step.finishedAt() != null) {
      line +=
          " · finished "
              + time(step.finishedAt())
              + " ("
              + duration(step.startedAt(), step.finishedAt())
              + ")";
    }
    return line;
  }
}
