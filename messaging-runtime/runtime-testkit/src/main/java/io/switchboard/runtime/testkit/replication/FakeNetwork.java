package io.switchboard.runtime.testkit.replication;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A message network between named nodes for single-threaded simulations: every message gets a
 * random delay (so messages overtake each other), may be dropped or duplicated, and partitions cut
 * nodes apart until healed. Time comes from the simulation's clock; all randomness from the given
 * random, so a seed reproduces a run. Not thread-safe.
 *
 * <p>A message is delivered only if its two nodes are connected both when it is sent and when it
 * arrives (a partition also cuts what is in flight, as a reset connection would). Besides
 * partitions into sides, single links can be cut ({@link #cut}): a path that fails while both nodes
 * still reach everyone else, which sides cannot express.
 *
 * @param <M> the message type
 */
public final class FakeNetwork<M> {

  /**
   * How the network treats each message.
   *
   * @param minDelayMillis shortest delay
   * @param maxDelayMillis longest usual delay
   * @param slowProbability chance that a message is slow instead: delayed up to {@code
   *     maxSlowDelayMillis}, so that it arrives long after later ones (a retransmission, a stalled
   *     connection)
   * @param maxSlowDelayMillis longest delay of a slow message
   * @param dropProbability chance that a message is lost
   * @param duplicateProbability chance that a message is delivered twice, each copy with its own
   *     delay
   */
  public record Conditions(
      long minDelayMillis,
      long maxDelayMillis,
      double slowProbability,
      long maxSlowDelayMillis,
      double dropProbability,
      double duplicateProbability) {

    public Conditions {
      if (minDelayMillis < 0
          || maxDelayMillis < minDelayMillis
          || maxSlowDelayMillis < maxDelayMillis) {
        throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay <= maxSlowDelay");
      }
    }
  }

  /** A message arriving at {@code to}. */
  public record Delivery<M>(String from, String to, M message) {}

  private record InFlight<M>(long deliverAt, long order, Delivery<M> delivery) {}

  private final Clock clock;
  private final SplittableRandom random;
  private final Conditions conditions;
  private final PriorityQueue<InFlight<M>> inFlight =
      new PriorityQueue<>(
          Comparator.<InFlight<M>>comparingLong(InFlight::deliverAt)
              .thenComparingLong(InFlight::order));
  private final Map<String, Integer> sides = new HashMap<>();
  private final Set<String> cutLinks = new HashSet<>();
  private long order;

  public FakeNetwork(Clock clock, SplittableRandom random, Conditions conditions) {
    this.clock = clock;
    this.random = random;
    this.conditions = conditions;
  }

  /** Sends a message: it arrives later, twice, or never. */
  public void send(String from, String to, M message) {
    if (!connected(from, to) || random.nextDouble() < conditions.dropProbability()) {
      return;
    }
    int copies = random.nextDouble() < conditions.duplicateProbability() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long maxDelay =
          random.nextDouble() < conditions.slowProbability()
              ? conditions.maxSlowDelayMillis()
              : conditions.maxDelayMillis();
      long delay =
          conditions.minDelayMillis() + random.nextLong(maxDelay - conditions.minDelayMillis() + 1);
      inFlight.add(
          new InFlight<>(clock.millis() + delay, order++, new Delivery<>(from, to, message)));
    }
  }

  /** Takes the messages due by now, in arrival order, without those a partition cut. */
  public List<Delivery<M>> deliverDue() {
    long now = clock.millis();
    List<Delivery<M>> due = new ArrayList<>();
    while (!inFlight.isEmpty() && inFlight.peek().deliverAt() <= now) {
      Delivery<M> delivery = inFlight.poll().delivery();
      if (connected(delivery.from(), delivery.to())) {
        due.add(delivery);
      }
    }
    return due;
  }

  /**
   * Partitions the network: nodes given the same side reach each other; nodes not named are on side
   * 0. Replaces any earlier partition, cut links included.
   */
  public void partition(Map<String, Integer> sideOfNode) {
    sides.clear();
    cutLinks.clear();
    sides.putAll(sideOfNode);
  }

  /**
   * Cuts the link between two nodes, both ways, until {@link #heal()} or the next {@link
   * #partition}: each still reaches every other node.
   */
  public void cut(String a, String b) {
    cutLinks.add(link(a, b));
  }

  /** Ends the partition and every cut: every node reaches every other again. */
  public void heal() {
    sides.clear();
    cutLinks.clear();
  }

  /** Whether messages between the two nodes get through (apart from drops). */
  public boolean connected(String a, String b) {
    return sides.getOrDefault(a, 0).equals(sides.getOrDefault(b, 0))
        && (cutLinks.isEmpty() || !cutLinks.contains(link(a, b)));
  }

  private static String link(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }
}
