package io.switchboard.cli.operation;

import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * Shard numbers in their compact form for people: sorted, without repeats, consecutive numbers as
 * one range, for example {@code 0-3,17,512-540,600}.
 */
final class ShardRanges {

  private ShardRanges() {}

  /** The compact form of {@code shards}; empty when there are none. */
  static String compact(Collection<Integer> shards) {
    List<Integer> sorted = shards.stream().distinct().sorted().toList();
    StringJoiner text = new StringJoiner(",");
    int index = 0;
    while (index < sorted.size()) {
      int first = sorted.get(index);
      int last = first;
      while (index + 1 < sorted.size() && sorted.get(index + 1) == last + 1) {
        last = sorted.get(++index);
      }
      text.add(first == last ? Integer.toString(first) : first + "-" + last);
      index++;
    }
    return text.toString();
  }
}
