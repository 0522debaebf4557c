package io.switchboard.benchmarks.messaging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of the in-process cluster a send phase loads: one standalone node holding all 1024
 * shards ({@code single}), or {@code N} gateway-and-store nodes in each of the four default data
 * centres ({@code N-per-dc}); {@code 3-per-dc} is the control plane's embedded cluster ({@code
 * switchboard.embedded.nodes-per-dc: 3}).
 *
 * @param nodesPerDc nodes per data centre, 1 to {@value #MAX_NODES_PER_DC}; 0 for a single node
 */
record Topology(int nodesPerDc) {

  static final int MAX_NODES_PER_DC = 16;

  /** The embedded cluster of the control plane's default configuration. */
  static final Topology EMBEDDED = new Topology(3);

  static final Topology SINGLE = new Topology(0);

  private static final Pattern PER_DC = Pattern.compile("(\\d{1,2})-per-dc");

  Topology {
    if (nodesPerDc < 0 || nodesPerDc > MAX_NODES_PER_DC) {
      throw new IllegalArgumentException(
          "nodes per data centre must be between 1 and " + MAX_NODES_PER_DC + ": " + nodesPerDc);
    }
  }

  /**
   * Parses {@code single} or {@code N-per-dc}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Topology parse(String text) {
    if (text.equals("single")) {
      return SINGLE;
    }
    Matcher matcher = PER_DC.matcher(text);
    if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
      throw new IllegalArgumentException(
          "--topology must be single or N-per-dc with N from 1 to "
              + MAX_NODES_PER_DC
              + ": "
              + text);
    }
    return new Topology(Integer.parseInt(matcher.group(1)));
  }

  boolean isSingleNode() {
    return nodesPerDc == 0;
  }

  @Override
  public String toString() {
    return isSingleNode() ? "single" : nodesPerDc + "-per-dc";
  }
}
