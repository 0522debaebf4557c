package io.switchboard.controlplane.operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The named moments a step passed ({@link StepResult.Done#marks()}, {@link OperationStep#marks()})
 * and their stored form: {@code name=instant} pairs joined by commas, in order ({@code
 * fenced=2026-11-26T10:00:01.250Z,promoted=...}). Names are lower-case words joined by hyphens, so
 * neither separator can occur in them; null moments are left out.
 */
public final class StepMarks {

  private static final Pattern NAME = Pattern.compile("[a-z]+(-[a-z]+)*");

  private StepMarks() {}

  /**
   * An unmodifiable copy of {@code marks} in their order, without null moments.
   *
   * @throws IllegalArgumentException if a name is not lower-case words joined by hyphens
   */
  static Map<String, Instant> copyOf(Map<String, Instant> marks) {
    Map<String, Instant> copy = new LinkedHashMap<>();
    marks.forEach(
        (name, at) -> {
          if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "a step mark's name is lower-case words joined by hyphens, not '" + name + "'");
          }
          if (at != null) {
            copy.put(name, at);
          }
        });
    return Collections.unmodifiableMap(copy);
  }

  /** The stored form of {@code marks}; null when there are none. */
  static String format(Map<String, Instant> marks) {
    return marks.isEmpty()
        ? null
        : marks.entrySet().stream()
            .map(mark -> mark.getKey() + "=" + mark.getValue())
            .collect(Collectors.joining(","));
  }

  /**
   * The marks of a stored form (null for none).
   *
   * @throws IllegalStateException if it is not one {@link #format} writes
   */
  static Map<String, Instant> parse(String stored) {
    if (stored == null || stored.isEmpty()) {
      return Map.of();
    }
    Map<String, Instant> marks = new LinkedHashMap<>();
    for (String pair : stored.split(",")) {
      int equals = pair.indexOf('=');
      try {
        marks.put(pair.substring(0, equals), Instant.parse(pair.substring(equals + 1)));
      } catch (IndexOutOfBoundsException | DateTimeParseException e) {
        throw new IllegalStateException("a stored step mark is not name=instant: '" + pair + "'");
      }
    }
    return copyOf(marks);
  }
}
