package io.switchboard.cli.operation;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.drill.DrillReportView.Objective;
import io.switchboard.cli.output.TextTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The text forms of failover drill reports, for people: {@code drill list} (one row per drill) and
 * {@code drill show} (one report: its fields, the timeline of the failover with a text bar chart,
 * the objectives with their verdicts). Missing values print as {@code -}; times are ISO-8601 UTC to
 * the second. No text ends with a line break.
 */
final class DrillText {

  private static final String NONE = "-";

  /** The moment every other is measured from; the bar chart starts with it. */
  static final String FAULT = "fault";

  /** The moment that ends the failover: the first acknowledged write after the fault. */
  static final String FIRST_WRITE = "first-write";

  private static final String BAR_START = FAULT + " |";
  private static final String BAR_END = "|";

  private DrillText() {}

  /**
   * One row per drill (ID, NODE, STARTED, FAILOVER, UNAVAILABLE, ACKED, LOST, VERDICT), newest
   * first as the control plane sends them, or a sentence when there are none. FAILOVER is the
   * {@value #FIRST_WRITE} moment.
   */
  static String list(List<DrillReportView> reports) {
    if (reports.isEmpty()) {
      return "No drill reports.";
    }
    TextTable table =
        new TextTable(
            "ID", "NODE", "STARTED", "FAILOVER", "UNAVAILABLE", "ACKED", "LOST", "VERDICT");
    for (DrillReportView report : reports) {
      table.addRow(
          orNone(report.id()),
          orNone(report.node()),
          time(report.startedAt()),
          millis(failoverMillis(report)),
          report.unavailableMillis() + " ms",
          Long.toString(report.acknowledged()),
          Long.toString(report.lost()),
          verdict(report.passed()));
    }
    return table.render().stripTrailing();
  }

  /**
   * One report: its fields (drill, node, shards, started, verdict, unavailability, acknowledged and
   * lost writes, fencing), the timeline (each moment with its milliseconds after the fault, then
   * the bar chart of {@link #timelineChart} in {@code width} columns) and the objectives with
   * target, measured value and verdict.
   */
  static String show(DrillReportView report, int width) {
    TextTable fields = new TextTable("", "");
    fields.addRow("Drill", orNone(report.id()));
    fields.addRow("Node", orNone(report.node()));
    fields.addRow("Shards", NodeText.shards(report.shards()));
    fields.addRow("Started", time(report.startedAt()));
    fields.addRow("Verdict", verdict(report.passed()));
    Long failover = failoverMillis(report);
    fields.addRow(
        "Failover",
        failover == null
            ? "no write after the fault"
            : failover + " ms (first write after the fault)");
    fields.addRow("Unavailable", report.unavailableMillis() + " ms (longest wait of a writer)");
    fields.addRow("Acknowledged", report.acknowledged() + " writes");
    fields.addRow("Lost", report.lost() + " acknowledged writes");
    fields.addRow("Fencing", orNone(report.fencing()));

    TextTable moments = new TextTable("MOMENT", "AFTER FAULT");
    for (Moment moment : orEmpty(report.timeline())) {
      moments.addRow(
          orNone(moment.name()),
          moment.millis() == null ? "did not happen" : moment.millis() + " ms");
    }
    String chart = timelineChart(report.timeline(), width);

    TextTable objectives = new TextTable("OBJECTIVE", "TARGET", "MEASURED", "VERDICT");
    for (Objective objective : orEmpty(report.objectives())) {
      objectives.addRow(
          orNone(objective.name()),
          orNone(objective.target()),
          orNone(objective.measured()),
          verdict(objective.passed()));
    }
    StringBuilder text = new StringBuilder(withoutHeader(fields.render()));
    text.append('\n').append(moments.render());
    if (!chart.isEmpty()) {
      text.append('\n').append(chart).append('\n');
    }
    text.append('\n').append(objectives.render());
    return text.toString().stripTrailing();
  }

  /**
   * The timeline as a bar chart of at most {@code width} columns, the fault at the left and the
   * latest moment at the right, each moment's name ending where its time falls, for example:
   *
   * <pre>
   * fault |------------------------detected----------confirmed-promoted-first-write|
   *       0 ms                                                               3350 ms
   * </pre>
   *
   * Names never overlap: a name that would is moved just after the one before it (at least one
   * {@code -} between two), or before the one after it; when the names do not fit in {@code width}
   * at all, the bar is as long as they need. Moments that did not happen are left out; empty when
   * no moment happened after the fault.
   */
  static String timelineChart(List<Moment> timeline, int width) {
    List<Moment> points =
        orEmpty(timeline).stream()
            .filter(moment -> moment.millis() != null && moment.name() != null)
            .filter(moment -> !FAULT.equals(moment.name()))
            .sorted(Comparator.comparingLong(Moment::millis))
            .toList();
    if (points.isEmpty()) {
      return "";
    }
    long latest = Math.max(1, points.get(points.size() - 1).millis());
    int inner = width - BAR_START.length() - BAR_END.length();
    int[] starts = layout(points, latest, inner);
    if (starts == null) {
      starts = packed(points);
    }
    Moment last = points.get(points.size() - 1);
    int length = Math.max(inner, starts[points.size() - 1] + last.name().length());
    char[] bar = new char[length];
    Arrays.fill(bar, '-');
    for (int index = 0; index < points.size(); index++) {
      String name = points.get(index).name();
      name.getChars(0, name.length(), bar, starts[index]);
    }
    String line = BAR_START + new String(bar) + BAR_END;
    // The scale: 0 under the fault's '|', the latest moment's time ending under the closing one.
    String zero = "0 ms";
    String end = last.millis() + " ms";
    int indent = BAR_START.length() - 1;
    int gap = line.length() - indent - zero.length() - end.length();
    String scale = " ".repeat(indent) + zero + " ".repeat(Math.max(1, gap)) + end;
    return line + "\n" + scale;
  }

  /**
   * Where each name starts in a bar of {@code inner} columns, each ending at its time's column,
   * moved as little as needed so that every name has at least one {@code -} before it; {@code null}
   * when they cannot all fit.
   */
  private static int[] layout(List<Moment> points, long latest, int inner) {
    int count = points.size();
    int[] starts = new int[count];
    int[] ends = new int[count];
    int previousEnd = 0;
    for (int index = 0; index < count; index++) {
      Moment moment = points.get(index);
      int length = moment.name().length();
      int end = (int) Math.round((double) moment.millis() * inner / latest);
      starts[index] = Math.max(end - length, previousEnd + 1);
      ends[index] = starts[index] + length;
      previousEnd = ends[index];
    }
    int limit = inner;
    for (int index = count - 1; index >= 0; index--) {
      if (ends[index] > limit) {
        ends[index] = limit;
        starts[index] = limit - points.get(index).name().length();
      }
      limit = starts[index] - 1;
    }
    return starts[0] < 1 ? null : starts;
  }

  /** The names one after the other, each after one {@code -}. */
  private static int[] packed(List<Moment> points) {
    int[] starts = new int[points.size()];
    int position = 1;
    for (int index = 0; index < points.size(); index++) {
      starts[index] = position;
      position += points.get(index).name().length() + 1;
    }
    return starts;
  }

  /** The milliseconds of the {@value #FIRST_WRITE} moment, or {@code null}. */
  static Long failoverMillis(DrillReportView report) {
    return orEmpty(report.timeline()).stream()
        .filter(moment -> FIRST_WRITE.equals(moment.name()))
        .findFirst()
        .map(Moment::millis)
        .orElse(null);
  }

  static String verdict(boolean passed) {
    return passed ? "PASS" : "FAIL";
  }

  private static String millis(Long millis) {
    return millis == null ? NONE : millis + " ms";
  }

  /** A two-column table rendered without its (empty) header line. */
  private static String withoutHeader(String rendered) {
    return rendered.substring(rendered.indexOf('\n') + 1);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? new ArrayList<>() : list;
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
