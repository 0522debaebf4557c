package io.switchboard.benchmarks.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written the way people type them on a command line: a whole number followed
 * directly by a unit, {@code ms}, {@code s} or {@code m} (for example {@code 500ms}, {@code 20s},
 * {@code 2m}). Pure.
 */
public final class DurationArgument {

  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private DurationArgument() {}

  /**
   * @return the duration, zero or positive
   * @throws IllegalArgumentException naming {@code option} when {@code text} is not a whole number
   *     of at most nine digits followed by {@code ms}, {@code s} or {@code m}
   */
  public static Duration parse(String option, String text) {
    Matcher matcher = SYNTAX.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          option + " must be a whole number with a unit ms, s or m (e.g. 500ms, 20s): " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
