package io.switchboard.console.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DrillTimelineTest {

  @Test
  void theAxisHoldsTheLatestMomentAndTheObjectiveWithANiceStep() {
    DrillTimeline.Axis axis = DrillTimeline.axis(4200, 15000L);
    assertThat(axis.stepMillis()).isEqualTo(5000);
    assertThat(axis.maxMillis()).isEqualTo(20000);
    assertThat(axis.ticks()).containsExactly(0L, 5000L, 10000L, 15000L, 20000L);

    DrillTimeline.Axis withoutObjective = DrillTimeline.axis(4200, null);
    assertThat(withoutObjective.stepMillis()).isEqualTo(1000);
    assertThat(withoutObjective.maxMillis()).isEqualTo(5000);
    assertThat(withoutObjective.maxMillis()).isGreaterThanOrEqualTo(4200);

    DrillTimeline.Axis late = DrillTimeline.axis(31_000, 15000L);
    assertThat(late.maxMillis()).isGreaterThanOrEqualTo(31_000);
    assertThat(late.ticks().size()).isLessThanOrEqualTo(9);
  }

  @Test
  void anEmptyTimelineGetsASecond() {
    DrillTimeline.Axis axis = DrillTimeline.axis(0, null);
    assertThat(axis.maxMillis()).isEqualTo(1000);
    assertThat(axis.ticks()).hasSize(6);
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(DrillTimeline.niceStep(0.2)).isEqualTo(1);
    assertThat(DrillTimeline.niceStep(1.5)).isEqualTo(2);
    assertThat(DrillTimeline.niceStep(3)).isEqualTo(5);
    assertThat(DrillTimeline.niceStep(700)).isEqualTo(1000);
    assertThat(DrillTimeline.niceStep(2300)).isEqualTo(5000);
  }

  @Test
  void millisScaleLinearlyBetweenTheMarginsAndAreClamped() {
    DrillTimeline.Axis axis = new DrillTimeline.Axis(20000, 5000);
    double left = DrillTimeline.MARGIN;
    double right = DrillTimeline.WIDTH - DrillTimeline.MARGIN;
    assertThat(axis.x(0)).isEqualTo(left);
    assertThat(axis.x(20000)).isEqualTo(right);
    assertThat(axis.x(10000)).isCloseTo((left + right) / 2, within(1e-9));
    assertThat(axis.x(5000)).isCloseTo(left + (right - left) / 4, within(1e-9));
    assertThat(axis.x(-5)).isEqualTo(left);
    assertThat(axis.x(99_000)).isEqualTo(right);
  }

  @Test
  void tickLabelsAreSecondsForSecondSteps() {
    assertThat(new DrillTimeline.Axis(20000, 5000).tickLabel(15000)).isEqualTo("15 s");
    assertThat(new DrillTimeline.Axis(1000, 200).tickLabel(400)).isEqualTo("400 ms");
  }

  @Test
  void markersCloseTogetherGoToDifferentRowsAndMomentsThatDidNotHappenAreLeftOut() {
    DrillTimeline.Axis axis = DrillTimeline.axis(4200, 15000L);
    List<DrillTimeline.Marker> markers =
        DrillTimeline.markers(
            List.of(
                new Moment("fault", 0L),
                new Moment("detected", 3100L),
                new Moment("confirmed", 3150L),
                new Moment("promoted", 3300L),
                new Moment("first-write", null)),
            axis);
    assertThat(markers)
        .extracting(DrillTimeline.Marker::name)
        .containsExactly("fault", "detected", "confirmed", "promoted");
    // fault is clear of the rest; detected, confirmed and promoted are within 200 ms of each
    // other: they cascade down one row each, in time order.
    assertThat(markers).extracting(DrillTimeline.Marker::row).containsExactly(0, 0, 1, 2);
    assertThat(markers.get(1).x()).isCloseTo(axis.x(3100), within(1e-9));
    assertThat(DrillTimeline.height(markers))
        .isGreaterThan(DrillTimeline.height(markers.subList(0, 1)));
  }

  @Test
  void momentsFarApartShareTheFirstRow() {
    DrillTimeline.Axis axis = new DrillTimeline.Axis(20000, 5000);
    List<DrillTimeline.Marker> markers =
        DrillTimeline.markers(
            List.of(new Moment("fault", 0L), new Moment("first-write", 12000L)), axis);
    assertThat(markers).extracting(DrillTimeline.Marker::row).containsOnly(0);
  }

  @Test
  void theSvgHasAMarkerPerMomentTheObjectiveLineAndTheOutage() {
    String svg = DrillTimeline.svg(DrillFixtures.passed());
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
    assertThat(count(svg, "class=\"drill-marker\"")).isEqualTo(5);
    for (String moment : List.of("fault", "detected", "confirmed", "promoted", "first-write")) {
      assertThat(svg).contains("data-moment=\"" + moment + "\"");
    }
    assertThat(svg).contains("class=\"drill-objective-line\" data-millis=\"15000\"");
    assertThat(svg).contains("failover objective 15000 ms");
    assertThat(svg).contains("class=\"drill-outage\"");
    assertThat(count(svg, "class=\"drill-label\"")).isEqualTo(5);
    // Labels come after every marker's line, so that lines never cross them.
    assertThat(svg.indexOf("class=\"drill-labels\""))
        .isGreaterThan(svg.lastIndexOf("class=\"drill-marker\""));
    // Colours are Lumo properties, so that the chart follows the theme.
    assertThat(svg).contains("var(--lumo-body-text-color)").doesNotContain("#");

    // The first write sits where the axis puts 4200 ms.
    DrillTimeline.Axis axis = DrillTimeline.axis(4200, 15000L);
    Matcher circle =
        Pattern.compile("data-moment=\"first-write\"[^>]*><line[^>]*/><circle cx=\"([\\d.]+)\"")
            .matcher(svg);
    assertThat(circle.find()).isTrue();
    assertThat(Double.parseDouble(circle.group(1))).isCloseTo(axis.x(4200), within(0.05));
  }

  @Test
  void aDrillWithoutAWriteHasNoOutageBandAndStillAnObjective() {
    DrillReportView report =
        DrillFixtures.report(
            "op-2",
            List.of(
                new Moment("fault", 0L),
                new Moment("detected", 3000L),
                new Moment("confirmed", null),
                new Moment("promoted", null),
                new Moment("first-write", null)),
            false);
    String svg = DrillTimeline.svg(report);
    assertThat(count(svg, "class=\"drill-marker\"")).isEqualTo(2);
    assertThat(svg).doesNotContain("drill-outage").contains("drill-objective-line");
  }

  @Test
  void labelsAtTheEdgesGrowInwards() {
    assertThat(DrillTimeline.anchor(DrillTimeline.MARGIN, 120)).isEqualTo("start");
    assertThat(DrillTimeline.anchor(DrillTimeline.WIDTH / 2, 120)).isEqualTo("middle");
    assertThat(DrillTimeline.anchor(DrillTimeline.WIDTH - DrillTimeline.MARGIN, 120))
        .isEqualTo("end");
  }

  @Test
  void textIsEscapedAndNumbersAreShort() {
    assertThat(DrillTimeline.escape("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
    assertThat(DrillTimeline.number(12.04)).isEqualTo("12");
    assertThat(DrillTimeline.number(12.25)).isEqualTo("12.3");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
