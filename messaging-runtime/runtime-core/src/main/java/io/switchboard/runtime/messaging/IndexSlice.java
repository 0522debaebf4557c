package io.switchboard.runtime.messaging;

/**
 * Entries of a mailbox or channel index read under the state's lock, to be fetched from the log
 * afterwards: {@code positions[i]} holds the entry with pts {@code pts[i]}.
 *
 * @param pts the entries' pts, in the order the read asked for
 * @param positions their log positions
 * @param latestPts the index's newest pts when the slice was taken
 */
record IndexSlice(int[] pts, long[] positions, int latestPts) {}
