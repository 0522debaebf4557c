package io.switchboard.console.drills;

import io.switchboard.api.drill.DrillReportView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The timeline chart of a drill as one inline SVG: a horizontal axis in milliseconds after the
 * fault with ticks, a marker and a label per moment that happened (fault, detected, confirmed,
 * promoted, first-write), the outage from the fault to the first write as a band on the axis, and
 * the failover objective as a dashed vertical line. Labels of moments close together go to
 * different rows so that they do not overlap. Pure (strings and numbers only), so that the scaling
 * is tested on its own; colours are Lumo custom properties, so the chart follows the dark theme.
 *
 * <p>The SVG has a fixed {@code viewBox} ({@link #WIDTH} x {@link #height}) and stretches to the
 * width of its container.
 */
public final class DrillTimeline {

  /** Width of the drawing in SVG user units. */
  public static final double WIDTH = 800;

  /** Left and right margin: room for the first and last label. */
  static final double MARGIN = 48;

  /** Height of one label row. */
  static final double ROW = 16;

  static final double AXIS_TOP = 38;
  static final double CHAR_WIDTH = 6.6;
  static final double LABEL_GAP = 6;

  private DrillTimeline() {}

  /** One moment placed on the axis: its x and the label row (0 nearest the axis). */
  public record Marker(String name, long millis, double x, int row) {}

  /** The axis: from 0 to {@code maxMillis}, a tick every {@code stepMillis}. */
  public record Axis(long maxMillis, long stepMillis) {

    /** The x of {@code millis} on an axis drawn from {@link #MARGIN} to WIDTH - MARGIN. */
    public double x(long millis) {
      double clamped = Math.max(0, Math.min(millis, maxMillis));
      return MARGIN + clamped / maxMillis * (WIDTH - 2 * MARGIN);
    }

    /** A tick's label: whole seconds when the step is a second or more, else milliseconds. */
    public String tickLabel(long millis) {
      if (stepMillis >= 1000 && millis % 1000 == 0) {
        return millis / 1000 + " s";
      }
      return millis + " ms";
    }

    /** The tick values, 0 first. */
    public List<Long> ticks() {
      List<Long> ticks = new ArrayList<>();
      for (long t = 0; t <= maxMillis; t += stepMillis) {
        ticks.add(t);
      }
      return ticks;
    }
  }

  /**
   * The axis that holds every moment and the objective, with a little room after the last: a "nice"
   * step (1, 2 or 5 times a power of ten) giving at most 8 ticks, the end a whole number of steps.
   * An empty drill (nothing after the fault) gets 0 to 1000 ms.
   */
  public static Axis axis(long latestMillis, Long objectiveMillis) {
    long latest = Math.max(latestMillis, objectiveMillis == null ? 0 : objectiveMillis);
    if (latest <= 0) {
      return new Axis(1000, 200);
    }
    double wanted = latest * 1.08;
    long step = niceStep(wanted / 7);
    long max = (long) Math.ceil(wanted / step) * step;
    return new Axis(max, step);
  }

  /** The smallest of 1, 2, 5 x 10^n that is at least {@code raw} (and at least 1). */
  static long niceStep(double raw) {
    long power = 1;
    while (true) {
      for (long factor : new long[] {1, 2, 5}) {
        if (factor * power >= raw) {
          return factor * power;
        }
      }
      power *= 10;
    }
  }

  /** The text under a marker: "detected 1 200 ms". */
  static String label(String name, long millis) {
    return name + " " + DrillPresentation.millis(millis);
  }

  /**
   * The moments that happened, placed in time order. A label that would overlap the labels before
   * it goes one row below the previous one, so that a cluster of close moments reads top to bottom
   * in time order; a label clear of every label before it starts a new cluster in row 0.
   */
  public static List<Marker> markers(List<DrillReportView.Moment> timeline, Axis axis) {
    List<DrillReportView.Moment> happened =
        timeline == null
            ? List.of()
            : timeline.stream()
                .filter(m -> m != null && m.millis() != null)
                .sorted(Comparator.comparingLong(DrillReportView.Moment::millis)) // stable on ties
                .toList();
    List<Marker> markers = new ArrayList<>();
    double clusterEnd = Double.NEGATIVE_INFINITY;
    int previousRow = -1;
    for (DrillReportView.Moment moment : happened) {
      double x = axis.x(moment.millis());
      double half = labelWidth(label(moment.name(), moment.millis())) / 2;
      int row = x - half - LABEL_GAP > clusterEnd ? 0 : previousRow + 1;
      clusterEnd = row == 0 ? x + half : Math.max(clusterEnd, x + half);
      previousRow = row;
      markers.add(new Marker(moment.name(), moment.millis(), x, row));
    }
    return markers;
  }

  static double labelWidth(String text) {
    return text.length() * CHAR_WIDTH;
  }

  /** The height of the drawing: the axis, the tick labels and as many label rows as needed. */
  public static double height(List<Marker> markers) {
    int rows = markers.stream().mapToInt(Marker::row).max().orElse(0) + 1;
    return AXIS_TOP + 24 + rows * ROW + 8;
  }

  /** The chart of {@code report}, an {@code <svg>} element as markup. */
  public static String svg(DrillReportView report) {
    List<DrillReportView.Moment> timeline =
        report.timeline() == null ? List.of() : report.timeline();
    long latest =
        timeline.stream()
            .filter(m -> m != null && m.millis() != null)
            .mapToLong(DrillReportView.Moment::millis)
            .max()
            .orElse(0);
    OptionalLong objective = DrillPresentation.failoverObjectiveMillis(report);
    Axis axis = axis(latest, objective.isPresent() ? objective.getAsLong() : null);
    List<Marker> markers = markers(timeline, axis);
    double height = height(markers);
    double axisY = AXIS_TOP;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"drill-timeline-svg\"")
        .append(" viewBox=\"0 0 ")
        .append(number(WIDTH))
        .append(' ')
        .append(number(height))
        .append("\" width=\"100%\" role=\"img\" aria-label=\"")
        .append(escape(ariaLabel(markers, objective)))
        .append("\" style=\"display:block;max-width:100%;height:auto;")
        .append("font-family:var(--lumo-font-family);font-size:11px\">");

    // The outage: from the fault to the first write.
    DrillPresentation.failoverMillis(report)
        .ifPresent(
            firstWrite ->
                svg.append("<rect class=\"drill-outage\" x=\"")
                    .append(number(axis.x(0)))
                    .append("\" y=\"")
                    .append(number(axisY - 5))
                    .append("\" width=\"")
                    .append(number(axis.x(firstWrite) - axis.x(0)))
                    .append("\" height=\"10\" rx=\"3\"")
                    .append(" style=\"fill:var(--lumo-error-color-10pct)\"/>"));

    // Axis and ticks.
    svg.append("<line class=\"drill-axis\" x1=\"")
        .append(number(axis.x(0)))
        .append("\" y1=\"")
        .append(number(axisY))
        .append("\" x2=\"")
        .append(number(axis.x(axis.maxMillis())))
        .append("\" y2=\"")
        .append(number(axisY))
        .append("\" style=\"stroke:var(--lumo-contrast-50pct);stroke-width:1.5\"/>");
    for (long tick : axis.ticks()) {
      double x = axis.x(tick);
      svg.append("<line class=\"drill-tick\" x1=\"")
          .append(number(x))
          .append("\" y1=\"")
          .append(number(axisY))
          .append("\" x2=\"")
          .append(number(x))
          .append("\" y2=\"")
          .append(number(axisY - 4))
          .append("\" style=\"stroke:var(--lumo-contrast-50pct)\"/>");
      svg.append("<text class=\"drill-tick-label\" x=\"")
          .append(number(x))
          .append("\" y=\"")
          .append(number(axisY - 8))
          .append("\" text-anchor=\"middle\" style=\"fill:var(--lumo-tertiary-text-color)\">")
          .append(escape(axis.tickLabel(tick)))
          .append("</text>");
    }

    // The failover objective.
    if (objective.isPresent()) {
      double x = axis.x(objective.getAsLong());
      String objectiveLabel =
          "failover objective " + DrillPresentation.millis(objective.getAsLong());
      boolean objectiveLabelLeft = x - 4 - labelWidth(objectiveLabel) >= 2;
      svg.append("<g class=\"drill-objective-line\" data-millis=\"")
          .append(objective.getAsLong())
          .append("\"><line x1=\"")
          .append(number(x))
          .append("\" y1=\"4\" x2=\"")
          .append(number(x))
          .append("\" y2=\"")
          .append(number(height - 4))
          .append("\" style=\"stroke:var(--lumo-warning-color, var(--lumo-error-color));")
          .append("stroke-width:1.5;stroke-dasharray:5 4\"/>")
          .append("<text x=\"")
          .append(number(objectiveLabelLeft ? x - 4 : x + 4))
          .append("\" y=\"12\" text-anchor=\"")
          .append(objectiveLabelLeft ? "end" : "start")
          .append("\"")
          .append(" style=\"fill:var(--lumo-secondary-text-color);font-weight:600\">")
          .append(escape(objectiveLabel))
          .append("</text></g>");
    }

    // One marker per moment: a leader line down to its label's row and a dot on the axis.
    for (Marker marker : markers) {
      svg.append("<g class=\"drill-marker\" data-moment=\"")
          .append(escape(marker.name()))
          .append("\" data-millis=\"")
          .append(marker.millis())
          .append("\"><line x1=\"")
          .append(number(marker.x()))
          .append("\" y1=\"")
          .append(number(axisY))
          .append("\" x2=\"")
          .append(number(marker.x()))
          .append("\" y2=\"")
          .append(number(labelY(marker) - 10))
          .append("\" style=\"stroke:var(--lumo-contrast-30pct)\"/>")
          .append("<circle cx=\"")
          .append(number(marker.x()))
          .append("\" cy=\"")
          .append(number(axisY))
          .append("\" r=\"5\" style=\"fill:")
          .append(colour(marker.name()))
          .append(";stroke:var(--lumo-base-color);stroke-width:1.5\"/></g>");
    }
    // The labels last, with a halo in the background colour: no line crosses a label.
    svg.append("<g class=\"drill-labels\" style=\"paint-order:stroke;")
        .append("stroke:var(--lumo-base-color);stroke-width:4px;stroke-linejoin:round\">");
    for (Marker marker : markers) {
      svg.append("<text class=\"drill-label\" data-moment=\"")
          .append(escape(marker.name()))
          .append("\" x=\"")
          .append(number(marker.x()))
          .append("\" y=\"")
          .append(number(labelY(marker)))
          .append("\" text-anchor=\"")
          .append(anchor(marker.x(), labelWidth(label(marker.name(), marker.millis()))))
          .append("\" style=\"fill:var(--lumo-body-text-color)\"><tspan style=\"font-weight:600\">")
          .append(escape(marker.name()))
          .append("</tspan> ")
          .append(escape(DrillPresentation.millis(marker.millis())))
          .append("</text>");
    }
    svg.append("</g>");
    svg.append("</svg>");
    return svg.toString();
  }

  /** The baseline of a marker's label. */
  static double labelY(Marker marker) {
    return AXIS_TOP + 24 + marker.row() * ROW;
  }

  /** The dot's colour: red for the fault, green for the first write, blue in between. */
  static String colour(String moment) {
    return switch (moment) {
      case "fault" -> "var(--lumo-error-color)";
      case DrillPresentation.FIRST_WRITE -> "var(--lumo-success-color)";
      default -> "var(--lumo-primary-color)";
    };
  }

  /** Labels near an edge grow inwards so that they stay inside the drawing. */
  static String anchor(double x, double width) {
    if (x - width / 2 < 2) {
      return "start";
    }
    if (x + width / 2 > WIDTH - 2) {
      return "end";
    }
    return "middle";
  }

  private static String ariaLabel(List<Marker> markers, OptionalLong objective) {
    StringBuilder text = new StringBuilder("Failover timeline:");
    for (Marker marker : markers) {
      text.append(' ').append(label(marker.name(), marker.millis())).append(',');
    }
    objective.ifPresent(
        o -> text.append(" objective ").append(DrillPresentation.millis(o)).append(','));
    text.setLength(text.length() - 1);
    return text.toString();
  }

  /** A coordinate with at most one decimal, "." as separator. */
  static String number(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return String.format(Locale.ROOT, "%.1f", rounded);
  }

  /** Escapes text for XML content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
