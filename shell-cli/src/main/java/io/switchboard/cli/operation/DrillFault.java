package io.switchboard.cli.operation;

import io.switchboard.cli.exit.CliFailure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The value of {@code drill run node|shard --fault}, sent as the {@value #PARAMETER} parameter of
 * the {@code DRILL} operation: what the drill does to the node. A DC drill takes none (it kills).
 */
enum DrillFault {
  /** The node's process is killed abruptly, like a crash (the default). */
  KILL("the node is killed abruptly, like a crash"),
  /**
   * The node is cut off its cluster network for a while and its process keeps running; the drill
   * proves that a write through the old primary's own gateway is not acknowledged.
   */
  PARTITION("the node is cut off its cluster network and keeps running");

  /** The name of the operation parameter. */
  static final String PARAMETER = "fault";

  /** The value when {@code --fault} is not given. */
  static final String DEFAULT = "kill";

  private final String effect;

  DrillFault(String effect) {
    this.effect = effect;
  }

  /** The value as typed and as sent to the control plane: {@code kill} or {@code partition}. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the drill does to the node, for example "the node is killed abruptly, like a crash". */
  String effect() {
    return effect;
  }

  /**
   * Parses a {@code --fault} value, ignoring case.
   *
   * @throws CliFailure a usage error naming the accepted values, when {@code value} is none of them
   *     (or missing)
   */
  static DrillFault fromOptionValue(String value) {
    if (value == null || value.isBlank()) {
      throw CliFailure.usage("--fault needs a value: one of " + acceptedValues() + ".");
    }
    String typed = value.strip();
    return Arrays.stream(values())
        .filter(fault -> fault.optionValue().equalsIgnoreCase(typed))
        .findFirst()
        .orElseThrow(
            () ->
                CliFailure.usage(
                    "Unknown --fault '" + typed + "': use one of " + acceptedValues() + "."));
  }

  /** The accepted values with their effects, for messages and help. */
  static String acceptedValues() {
    return Arrays.stream(values())
        .map(fault -> fault.optionValue() + " (" + fault.effect() + ")")
        .collect(Collectors.joining(" or "));
  }
}
