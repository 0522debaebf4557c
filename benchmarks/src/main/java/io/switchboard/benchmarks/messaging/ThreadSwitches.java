package io.switchboard.benchmarks.messaging;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often this JVM's threads had given up their core to wait, at one moment: each thread's
 * voluntary context switches (a park, a blocking read, an fsync, an idle event loop), from Linux's
 * {@code /proc/self/task/<tid>/status}, grouped by what the thread does. Two readings give a
 * window's wake-ups by role ({@link #until}); on a small VM each costs tens of microseconds of CPU,
 * and their number per send, not the work of a send itself, is what a send costs at moderate rates
 * (docs/benchmarks.md).
 *
 * <p>As with {@link ProcessUsage}, a thread started between two readings counts in full and one
 * that ended is not counted. Where {@code /proc} is missing (not Linux) a reading is empty and so
 * is every window.
 */
final class ThreadSwitches {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final String NAME = "Name:";
  private static final String VOLUNTARY = "voluntary_ctxt_switches:";

  /** What a thread does, told by the name the nodes and the load generator give their threads. */
  enum Role {
    LOG_WRITERS("log writers"),
    EVENT_LOOPS("event loops"),
    STORE_WORKERS("store workers"),
    LOAD_GENERATOR("load generator"),
    OTHER("other");

    private final String label;

    Role(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    /**
     * The role of a thread named {@code name}. Linux keeps the first 15 characters of a name (JDK
     * 17 passes them as they are), so only prefixes tell, and they must differ within those: the
     * log writer is {@code switchboard-log-writer}, the checkpointer {@code switchboard-checkpoint}
     * (other).
     */
    static Role of(String name) {
      if (name.startsWith("switchboard-log")) {
        return LOG_WRITERS;
      }
      if (name.startsWith("node-")) {
        return EVENT_LOOPS;
      }
      if (name.startsWith("store-")) {
        return STORE_WORKERS;
      }
      if (name.startsWith(SendPhase.CLIENT_THREADS)) {
        return LOAD_GENERATOR;
      }
      return OTHER;
    }
  }

  /** One thread's role and voluntary switches at a reading. */
  record Reading(Role role, long voluntary) {}

  private final Map<String, Reading> byTid;

  private ThreadSwitches(Map<String, Reading> byTid) {
    this.byTid = byTid;
  }

  /** Reads every live thread's voluntary context switches now; empty where there is no /proc. */
  static ThreadSwitches now() {
    Map<String, Reading> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        read(task).ifPresent(thread -> threads.put(task.getFileName().toString(), thread));
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      return new ThreadSwitches(Map.of());
    }
    return new ThreadSwitches(threads);
  }

  /** A thread's reading, or empty when it ended meanwhile or its status cannot be parsed. */
  private static Optional<Reading> read(Path task) {
    try {
      return parse(Files.readString(task.resolve("status")));
    } catch (IOException ended) {
      return Optional.empty();
    }
  }

  /**
   * The role (from the {@code Name:} line) and the {@code voluntary_ctxt_switches} of a {@code
   * /proc/<pid>/task/<tid>/status} text; empty when either is missing.
   */
  static Optional<Reading> parse(String status) {
    String name = null;
    Long voluntary = null;
    for (String line : status.split("\n")) {
      if (line.startsWith(NAME)) {
        name = line.substring(NAME.length()).strip();
      } else if (line.startsWith(VOLUNTARY)) {
        try {
          voluntary = Long.parseLong(line.substring(VOLUNTARY.length()).strip());
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return name == null || voluntary == null
        ? Optional.empty()
        : Optional.of(new Reading(Role.of(name), voluntary));
  }

  /**
   * Voluntary context switches from this reading to {@code later}, by role, of the threads alive at
   * the later; empty when either reading is.
   */
  Map<Role, Long> until(ThreadSwitches later) {
    Map<Role, Long> byRole = new EnumMap<>(Role.class);
    if (byTid.isEmpty()) {
      return byRole;
    }
    later.byTid.forEach(
        (tid, thread) -> {
          Reading before = byTid.get(tid);
          // A thread id Linux handed to a new thread meanwhile: the new thread counts in full.
          boolean sameThread =
              before != null
                  && before.role() == thread.role()
                  && before.voluntary() <= thread.voluntary();
          long since = sameThread ? thread.voluntary() - before.voluntary() : thread.voluntary();
          byRole.merge(thread.role(), since, Long::sum);
        });
    return byRole;
  }
}
