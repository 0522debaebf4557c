package io.switchboard.console.shards;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The heatmap: one block per data centre, each a CSS grid of plain DOM elements, one per shard
 * ({@code div.sb-cell} with {@code data-shard}, the colour key {@code data-c} and the tooltip as
 * {@code title}). The cells are {@link Element}s, not components, created once; a refresh only sets
 * the attributes that changed, so an unchanged map sends nothing to the browser and a mode switch
 * sends one attribute pair per cell. One click listener on the whole map reads the clicked cell's
 * {@code data-shard}.
 */
final class ShardHeatmap extends Div {

  static final String SHARD_DATA = "event.target.dataset.shard";

  private List<ShardBlocks.Block> blocks = List.of();
  private Element[] cells = new Element[0];
  private String[] keys = new String[0];
  private String[] tooltips = new String[0];
  private int selected = -1;

  ShardHeatmap(IntConsumer onCellClick) {
    setId("shard-heatmap");
    addClassName("sb-blocks");
    getElement()
        .addEventListener(
            "click",
            event -> {
              int shard = shardOf(event.getEventData());
              if (shard >= 0 && shard < cells.length) {
                onCellClick.accept(shard);
              }
            })
        .addEventData(SHARD_DATA);
  }

  /** The shard a click event names, or -1 when it hit no cell. */
  static int shardOf(JsonObject data) {
    if (data == null
        || !data.hasKey(SHARD_DATA)
        || data.get(SHARD_DATA).getType() != JsonType.STRING) {
      return -1;
    }
    try {
      return Integer.parseInt(data.getString(SHARD_DATA));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Draws the blocks and their cells; does nothing when they are what is drawn already. */
  void layout(List<ShardBlocks.Block> newBlocks) {
    if (newBlocks.equals(blocks)) {
      return;
    }
    blocks = List.copyOf(newBlocks);
    getElement().removeAllChildren();
    int count = blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).last() + 1;
    cells = new Element[count];
    keys = new String[count];
    tooltips = new String[count];
    getStyle().set("--sb-columns", Integer.toString(Math.max(1, blocks.size())));
    for (ShardBlocks.Block block : blocks) {
      Element section = new Element("section");
      section.setAttribute("class", "sb-block");
      section.setAttribute("id", "shard-block-" + block.key());
      section.setAttribute("data-first", Integer.toString(block.first()));
      section.setAttribute("data-last", Integer.toString(block.last()));
      Element name = new Element("span");
      name.setAttribute("class", "sb-block-name");
      name.setText(block.name());
      Element range = new Element("span");
      range.setAttribute("class", "sb-block-range");
      range.setText("shards " + block.range());
      Element label = new Element("div");
      label.setAttribute("class", "sb-block-label");
      label.appendChild(name, range);
      Element grid = new Element("div");
      grid.setAttribute("class", "sb-block-grid");
      for (int shard = block.first(); shard <= block.last(); shard++) {
        Element cell = new Element("div");
        cell.setAttribute("class", "sb-cell");
        cell.setAttribute("data-shard", Integer.toString(shard));
        cells[shard] = cell;
        grid.appendChild(cell);
      }
      section.appendChild(label, grid);
      getElement().appendChild(section);
    }
    if (selected >= count) {
      selected = -1;
    }
    if (selected >= 0) {
      cells[selected].setAttribute("data-selected", "");
    }
  }

  /**
   * Colours the cells; sets only what changed since the last call.
   *
   * @return how many cells changed
   */
  int show(List<ShardColours.Cell> newCells) {
    int changed = 0;
    for (ShardColours.Cell cell : newCells) {
      int shard = cell.shard();
      if (shard < 0 || shard >= cells.length) {
        continue;
      }
      boolean differs = false;
      if (!Objects.equals(keys[shard], cell.key())) {
        keys[shard] = cell.key();
        cells[shard].setAttribute("data-c", cell.key());
        differs = true;
      }
      if (!Objects.equals(tooltips[shard], cell.tooltip())) {
        tooltips[shard] = cell.tooltip();
        cells[shard].setAttribute("title", cell.tooltip());
        differs = true;
      }
      if (differs) {
        changed++;
      }
    }
    return changed;
  }

  /** Outlines the cell of {@code shard} (-1: none). */
  void select(int shard) {
    if (selected >= 0 && selected < cells.length) {
      cells[selected].removeAttribute("data-selected");
    }
    selected = shard >= 0 && shard < cells.length ? shard : -1;
    if (selected >= 0) {
      cells[selected].setAttribute("data-selected", "");
    }
  }

  /** How many cells are drawn. */
  int cellCount() {
    return cells.length;
  }

  /** The colour key a cell has now (for tests). */
  String keyOf(int shard) {
    return keys[shard];
  }

  /** The cell element of a shard (for tests). */
  Element cell(int shard) {
    return cells[shard];
  }
}
