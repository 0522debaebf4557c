package io.switchboard.console.drills;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How drill reports read: verdicts, the failover time, figures and the objective's target. Pure (no
 * components, no session), so that it is tested on its own.
 */
public final class DrillPresentation {

  /** The operation type of a drill. */
  public static final String TYPE = "DRILL";

  /** The moment that ends the outage: the first acknowledged write after the fault. */
  public static final String FIRST_WRITE = "first-write";

  /** The objective on the time to the first write. */
  public static final String FAILOVER_OBJECTIVE = "failover";

  private static final Pattern NUMBER = Pattern.compile("(\\d+)");

  private DrillPresentation() {}

  /** "PASS" or "FAIL". */
  public static String verdict(boolean passed) {
    return passed ? "PASS" : "FAIL";
  }

  /** The Lumo badge variant of a verdict: green PASS, red FAIL. */
  public static String verdictTheme(boolean passed) {
    return passed ? "success" : "error";
  }

  /** "1200 ms"; "—" when there is nothing. */
  public static String millis(Long millis) {
    return millis == null ? "—" : millis + " ms";
  }

  /** The moment {@code name} of the report, if it happened. */
  public static OptionalLong moment(DrillReportView report, String name) {
    if (report == null || report.timeline() == null) {
      return OptionalLong.empty();
    }
    return report.timeline().stream()
        .filter(m -> m != null && name.equals(m.name()) && m.millis() != null)
        .mapToLong(DrillReportView.Moment::millis)
        .findFirst();
  }

  /** The failover time: milliseconds from the fault to the first successful write, if any. */
  public static OptionalLong failoverMillis(DrillReportView report) {
    return moment(report, FIRST_WRITE);
  }

  /** The failover time for the grid: "4321 ms", or "no write" when none succeeded. */
  public static String failoverText(DrillReportView report) {
    OptionalLong failover = failoverMillis(report);
    return failover.isPresent() ? millis(failover.getAsLong()) : "no write";
  }

  /** The objective {@code name} of the report. */
  public static Optional<DrillReportView.Objective> objective(DrillReportView report, String name) {
    if (report == null || report.objectives() == null) {
      return Optional.empty();
    }
    return report.objectives().stream().filter(o -> o != null && name.equals(o.name())).findFirst();
  }

  /**
   * The failover objective in milliseconds, read from its target ("&lt; 15000 ms" is 15000; "&lt;
   * 15 s" is 15000); empty when the report has none or its target names no number.
   */
  public static OptionalLong failoverObjectiveMillis(DrillReportView report) {
    return objective(report, FAILOVER_OBJECTIVE)
        .map(o -> targetMillis(o.target()))
        .orElse(OptionalLong.empty());
  }

  /** The first whole number in a target, in milliseconds ("s" after it means seconds). */
  static OptionalLong targetMillis(String target) {
    if (target == null) {
      return OptionalLong.empty();
    }
    Matcher number = NUMBER.matcher(target);
    if (!number.find()) {
      return OptionalLong.empty();
    }
    long value;
    try {
      value = Long.parseLong(number.group(1));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
    String unit = target.substring(number.end()).trim();
    if (unit.startsWith("s") && !unit.startsWith("shard")) {
      value *= 1000;
    }
    return OptionalLong.of(value);
  }

  /** "Objective failover: 4321 ms against < 15000 ms: PASS". */
  public static String objectiveLine(DrillReportView.Objective objective) {
    return "Objective "
        + objective.name()
        + ": "
        + objective.measured()
        + " against "
        + objective.target()
        + ": "
        + verdict(objective.passed());
  }

  /** "2 shards: 770, 771"; "no shards". */
  public static String shards(List<Integer> shards) {
    if (shards == null || shards.isEmpty()) {
      return "no shards";
    }
    String list =
        shards.stream().limit(12).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    return shards.size()
        + (shards.size() == 1 ? " shard: " : " shards: ")
        + list
        + (shards.size() > 12 ? ", …" : "");
  }

  /** The nodes a drill may kill now: those UP, in topology order. */
  public static List<NodeView> drillableNodes(TopologyView topology) {
    if (topology == null) {
      return List.of();
    }
    return topology
        .nodes()
        .filter(Objects::nonNull)
        .filter(n -> n.health() == NodeHealth.UP)
        .toList();
  }
}
