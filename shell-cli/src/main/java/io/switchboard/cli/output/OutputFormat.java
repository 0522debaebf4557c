package io.switchboard.cli.output;

import io.switchboard.cli.exit.CliFailure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value of {@code --output}: how a command prints its result. */
public enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** Pretty-printed JSON of the API record, for scripts ({@code jq}). */
  JSON;

  /** The value as typed on the command line, for example {@code json}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an {@code --output} value, ignoring case.
   *
   * @throws CliFailure a usage error naming the accepted values, when {@code value} is none of them
   *     (or missing)
   */
  public static OutputFormat fromOptionValue(String value) {
    if (value == null || value.isBlank()) {
      throw CliFailure.usage("--output needs a value: one of " + acceptedValues() + ".");
    }
    return Arrays.stream(values())
        .filter(format -> format.optionValue().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                CliFailure.usage(
                    "Unknown --output '" + value + "': use one of " + acceptedValues() + "."));
  }

  /** The accepted values, for messages: {@code table, json}. */
  public static String acceptedValues() {
    return Arrays.stream(values()).map(OutputFormat::optionValue).collect(Collectors.joining(", "));
  }
}
