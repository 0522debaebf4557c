package io.switchboard.runtime.testkit.replication;

import java.util.ArrayDeque;

/**
 * The latest notable events of a run (promotions, crashes, partitions...), for failure messages.
 */
final class EventTrace {

  private static final int CAPACITY = 60;

  private final ArrayDeque<String> events = new ArrayDeque<>();
  private long step;

  void step(long step) {
    this.step = step;
  }

  long step() {
    return step;
  }

  void add(String event) {
    if (events.size() == CAPACITY) {
      events.pollFirst();
    }
    events.addLast("  step " + step + ": " + event);
  }

  @Override
  public String toString() {
    return String.join("\n", events);
  }
}
