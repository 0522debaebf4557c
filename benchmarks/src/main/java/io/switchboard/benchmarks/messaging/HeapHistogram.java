package io.switchboard.benchmarks.messaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM's heap by class, as {@code jcmd <pid> GC.class_histogram} prints them
 * after the full collection it forces: what is reachable, without garbage or free space.
 *
 * @param totalInstances live objects
 * @param totalBytes their shallow sizes, summed: the live heap
 * @param bytesByClass live bytes per class name (module suffix dropped)
 * @param instancesByClass live objects per class name
 */
record HeapHistogram(
    long totalInstances,
    long totalBytes,
    Map<String, Long> bytesByClass,
    Map<String, Long> instancesByClass) {

  private static final Pattern ROW =
      Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*");
  private static final Pattern TOTAL = Pattern.compile("Total\\s+(\\d+)\\s+(\\d+)\\s*");

  HeapHistogram {
    bytesByClass = Map.copyOf(bytesByClass);
    instancesByClass = Map.copyOf(instancesByClass);
  }

  /**
   * Parses the output of {@code jcmd <pid> GC.class_histogram}.
   *
   * @throws IllegalArgumentException if the output has no {@code Total} line
   */
  static HeapHistogram parse(String jcmdOutput) {
    Map<String, Long> bytes = new HashMap<>();
    Map<String, Long> instances = new HashMap<>();
    Long totalInstances = null;
    Long totalBytes = null;
    for (String line : jcmdOutput.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
        instances.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
        continue;
      }
      Matcher total = TOTAL.matcher(line);
      if (total.matches()) {
        totalInstances = Long.parseLong(total.group(1));
        totalBytes = Long.parseLong(total.group(2));
      }
    }
    if (totalBytes == null) {
      throw new IllegalArgumentException(
          "not a class histogram: "
              + jcmdOutput.substring(0, Math.min(jcmdOutput.length(), 300)).strip());
    }
    return new HeapHistogram(totalInstances, totalBytes, bytes, instances);
  }

  /** Growth of one class between two histograms. */
  record Growth(String className, long bytes, long instances) {}

  /** The classes whose live bytes grew most from {@code before} to this, largest first. */
  List<Growth> largestGrowthSince(HeapHistogram before, int limit) {
    List<Growth> growth = new ArrayList<>();
    bytesByClass.forEach(
        (name, bytes) -> {
          long grown = bytes - before.bytesByClass.getOrDefault(name, 0L);
          long more =
              instancesByClass.getOrDefault(name, 0L)
                  - before.instancesByClass.getOrDefault(name, 0L);
          if (grown > 0) {
            growth.add(new Growth(name, grown, more));
          }
        });
    growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
    return growth.subList(0, Math.min(limit, growth.size()));
  }
}
