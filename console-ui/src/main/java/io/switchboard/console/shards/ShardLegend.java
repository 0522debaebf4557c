package io.switchboard.console.shards;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/**
 * What the colours mean: a swatch (same {@code data-c} key as the cells), the meaning and how many
 * shards have that colour now. Each entry carries {@code data-c} and {@code data-count} for tests.
 */
final class ShardLegend extends Div {

  private List<ShardColours.LegendEntry> shown = List.of();

  ShardLegend() {
    setId("shard-legend");
    addClassName("sb-legend");
  }

  /** Shows {@code entries}; does nothing when they are what is shown. */
  void show(List<ShardColours.LegendEntry> entries) {
    if (entries.equals(shown)) {
      return;
    }
    shown = List.copyOf(entries);
    removeAll();
    for (ShardColours.LegendEntry entry : entries) {
      Span swatch = new Span();
      swatch.addClassName("sb-swatch");
      swatch.getElement().setAttribute("data-c", entry.key());
      Span label = new Span(entry.label());
      Span count = new Span(Integer.toString(entry.count()));
      count.addClassName("sb-count");
      Span item = new Span(swatch, label, count);
      item.addClassName("sb-legend-entry");
      item.getElement().setAttribute("data-c", entry.key());
      item.getElement().setAttribute("data-count", Integer.toString(entry.count()));
      add(item);
    }
  }

  List<ShardColours.LegendEntry> shown() {
    return shown;
  }
}
