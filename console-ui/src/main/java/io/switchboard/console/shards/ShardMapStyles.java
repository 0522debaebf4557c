package io.switchboard.console.shards;

import com.vaadin.flow.dom.Element;

/**
 * The shard map's style sheet, added to the view as one {@code <style>} element (no front-end build
 * needed). Colours come from Lumo's custom properties (success, warning, error, contrast), so the
 * map follows the light and dark theme; the data-centre palette is a set of mid-tone hues that read
 * on both backgrounds, a little lighter in the dark theme. A cell's colour is chosen by its {@code
 * data-c} key alone, and the legend's swatches carry the same keys.
 */
final class ShardMapStyles {

  static final String CSS =
      """
      .sb-shardmap {
        container-type: inline-size;
        --sb-dc-0: hsl(214, 80%, 54%);
        --sb-dc-1: hsl(165, 65%, 38%);
        --sb-dc-2: hsl(34, 92%, 50%);
        --sb-dc-3: hsl(284, 52%, 56%);
        --sb-dc-4: hsl(348, 70%, 56%);
        --sb-dc-5: hsl(190, 72%, 42%);
        --sb-dc-6: hsl(88, 48%, 42%);
        --sb-dc-7: hsl(24, 55%, 48%);
      }
      [theme~="dark"] .sb-shardmap, .sb-shardmap[theme~="dark"] {
        --sb-dc-0: hsl(214, 85%, 62%);
        --sb-dc-1: hsl(165, 60%, 46%);
        --sb-dc-2: hsl(38, 92%, 55%);
        --sb-dc-3: hsl(284, 60%, 68%);
        --sb-dc-4: hsl(348, 75%, 64%);
        --sb-dc-5: hsl(190, 70%, 50%);
        --sb-dc-6: hsl(88, 50%, 50%);
        --sb-dc-7: hsl(24, 60%, 58%);
      }
      .sb-blocks {
        display: grid;
        grid-template-columns: repeat(var(--sb-columns, 4), minmax(0, 1fr));
        gap: var(--lumo-space-m);
        width: 100%;
        max-width: min(88rem, calc(4 * (100vh - 18rem)));
        min-width: 0;
      }
      @container (max-width: 44rem) {
        .sb-blocks { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      }
      @container (max-width: 20rem) {
        .sb-blocks { grid-template-columns: minmax(0, 1fr); }
      }
      .sb-block { min-width: 0; }
      .sb-block-label {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--lumo-space-s);
        font-size: var(--lumo-font-size-s);
        margin-bottom: var(--lumo-space-xs);
        white-space: nowrap;
      }
      .sb-block-name { color: var(--lumo-body-text-color); font-weight: 600; }
      .sb-block-range {
        color: var(--lumo-secondary-text-color);
        font-variant-numeric: tabular-nums;
      }
      .sb-block-grid {
        display: grid;
        grid-template-columns: repeat(16, minmax(0, 1fr));
        gap: 1px;
      }
      .sb-cell {
        aspect-ratio: 1;
        background: var(--sb-c, var(--lumo-contrast-10pct));
        border-radius: 2px;
        cursor: pointer;
      }
      .sb-cell:hover, .sb-cell[data-selected] {
        outline: 2px solid var(--lumo-body-text-color);
        outline-offset: -1px;
      }
      .sb-legend {
        display: flex;
        flex-wrap: wrap;
        gap: var(--lumo-space-xs) var(--lumo-space-m);
        font-size: var(--lumo-font-size-s);
        color: var(--lumo-body-text-color);
      }
      .sb-legend-entry { display: inline-flex; align-items: center; gap: var(--lumo-space-xs); }
      .sb-swatch {
        width: 0.9rem;
        height: 0.9rem;
        border-radius: 2px;
        flex-shrink: 0;
        background: var(--sb-c, var(--lumo-contrast-10pct));
        box-shadow: inset 0 0 0 1px var(--lumo-contrast-10pct);
      }
      .sb-count { color: var(--lumo-secondary-text-color); font-variant-numeric: tabular-nums; }
      [data-c="dc-0"] { --sb-c: var(--sb-dc-0); }
      [data-c="dc-1"] { --sb-c: var(--sb-dc-1); }
      [data-c="dc-2"] { --sb-c: var(--sb-dc-2); }
      [data-c="dc-3"] { --sb-c: var(--sb-dc-3); }
      [data-c="dc-4"] { --sb-c: var(--sb-dc-4); }
      [data-c="dc-5"] { --sb-c: var(--sb-dc-5); }
      [data-c="dc-6"] { --sb-c: var(--sb-dc-6); }
      [data-c="dc-7"] { --sb-c: var(--sb-dc-7); }
      [data-c="dc-unknown"] { --sb-c: var(--lumo-contrast-50pct); }
      [data-c="health-ok"] { --sb-c: var(--lumo-success-color); }
      [data-c="health-unknown"] { --sb-c: var(--lumo-contrast-30pct); }
      [data-c="health-drift"] { --sb-c: var(--lumo-warning-color, hsl(43, 100%, 48%)); }
      [data-c="health-replicas"] {
        --sb-c: color-mix(in srgb, var(--lumo-warning-color, hsl(43, 100%, 48%)),
            var(--lumo-error-color));
      }
      [data-c="health-primary-down"] { --sb-c: var(--lumo-error-color); }
      [data-c="lag-0"] { --sb-c: var(--lumo-success-color); }
      [data-c="lag-1"] {
        --sb-c: color-mix(in srgb, var(--lumo-success-color),
            var(--lumo-warning-color, hsl(43, 100%, 48%)));
      }
      [data-c="lag-2"] { --sb-c: var(--lumo-warning-color, hsl(43, 100%, 48%)); }
      [data-c="lag-3"] {
        --sb-c: color-mix(in srgb, var(--lumo-warning-color, hsl(43, 100%, 48%)),
            var(--lumo-error-color));
      }
      [data-c="lag-4"] { --sb-c: var(--lumo-error-color); }
      [data-c="lag-unreachable"] { --sb-c: var(--lumo-contrast-60pct); }
      [data-c="lag-pending"] {
        --sb-c: repeating-linear-gradient(45deg, var(--lumo-contrast-20pct) 0 2px,
            var(--lumo-contrast-5pct) 2px 4px);
      }
      """;

  private ShardMapStyles() {}

  /** A {@code <style>} element holding {@link #CSS}. */
  static Element element() {
    Element style = new Element("style");
    style.setText(CSS);
    return style;
  }
}
