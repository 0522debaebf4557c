package io.switchboard.controlplane.operation.drill;

import io.switchboard.controlplane.operation.InvalidOperationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a drill of a node does to it: the operation's parameter {@code fault}.
 *
 * <ul>
 *   <li>{@link #KILL} (the default): the node's process dies abruptly; {@code restore} starts it
 *       again.
 *   <li>{@link #PARTITION}: the node is cut off its cluster network for {@code
 *       switchboard.drills.partition-for} while its process and its gateway's clients carry on; the
 *       drill writes through its gateway to prove that the old primary cannot have a write
 *       acknowledged, and {@code restore} waits for the partition to heal.
 * </ul>
 */
enum DrillFault {
  KILL,
  PARTITION;

  static final String PARAMETER = "fault";

  /** The parameter's value for this fault ({@code kill}, {@code partition}). */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The fault a drill's parameter names; {@link #KILL} when it names none.
   *
   * @throws InvalidOperationException for another value
   */
  static DrillFault of(String value) {
    if (value == null) {
      return KILL;
    }
    return Arrays.stream(values())
        .filter(fault -> fault.value().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidOperationException(
                    "'fault' is one of "
                        + Arrays.stream(values())
                            .map(DrillFault::value)
                            .collect(Collectors.joining(", "))
                        + ", not '"
                        + value
                        + "'"));
  }
}
