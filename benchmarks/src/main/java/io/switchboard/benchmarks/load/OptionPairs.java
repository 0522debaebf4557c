package io.switchboard.benchmarks.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of a benchmark's command line: {@code --name value} pairs, each option at most once,
 * from a fixed list of known names. Typed getters turn values into numbers and durations with
 * messages for the user that name the option. Pure and immutable.
 */
public final class OptionPairs {

  private final Map<String, String> values;

  private OptionPairs(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * @param known every option name the command accepts, with its leading dashes
   * @throws IllegalArgumentException when an option is unknown, repeated or missing its value
   */
  public static OptionPairs parse(List<String> known, String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!known.contains(option)) {
        throw new IllegalArgumentException("unknown option: " + option);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      if (values.putIfAbsent(option, args[i + 1]) != null) {
        throw new IllegalArgumentException(option + " given more than once");
      }
    }
    return new OptionPairs(values);
  }

  /** The value given for {@code option}, if any. */
  public Optional<String> text(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /** The value given for {@code option}, or {@code fallback}. */
  public String text(String option, String fallback) {
    return values.getOrDefault(option, fallback);
  }

  /**
   * @throws IllegalArgumentException when the value is not a decimal {@code int}
   */
  public int integer(String option, int fallback) {
    String text = values.get(option);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer: " + text);
    }
  }

  /**
   * @throws IllegalArgumentException when the value is not a decimal number
   */
  public double decimal(String option, double fallback) {
    String text = values.get(option);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number: " + text);
    }
  }

  /**
   * A duration as {@link DurationArgument} parses it.
   *
   * @throws IllegalArgumentException when the value is not a whole number with a unit
   */
  public Duration duration(String option, Duration fallback) {
    String text = values.get(option);
    return text == null ? fallback : DurationArgument.parse(option, text);
  }

  /** Fails with a message naming {@code option} unless {@code min <= value <= max}. */
  public static void requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ": " + value);
    }
  }
}
