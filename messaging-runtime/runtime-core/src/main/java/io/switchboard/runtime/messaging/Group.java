package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.LongStream;

/**
 * A group on its shard: creator, title and members, the creator included. Immutable: a membership
 * change makes a new group, so copies of the state share groups.
 *
 * <p>Invariant: {@code members} is sorted and without duplicates.
 */
final class Group {

  private final long id;
  private final long creatorId;
  private final String title;
  private final long[] members;

  private Group(long id, long creatorId, String title, long[] members) {
    this.id = id;
    this.creatorId = creatorId;
    this.title = title;
    this.members = members;
  }

  /** A new group of the creator and {@code others} (duplicates and the creator are folded). */
  static Group create(long id, long creatorId, String title, Collection<Long> others) {
    return new Group(id, creatorId, title, distinctMembers(creatorId, others));
  }

  /** How many distinct members a group of the creator and {@code others} has. */
  static int sizeOf(long creatorId, Collection<Long> others) {
    return distinctMembers(creatorId, others).length;
  }

  private static long[] distinctMembers(long creatorId, Collection<Long> others) {
    return LongStream.concat(LongStream.of(creatorId), others.stream().mapToLong(Long::longValue))
        .distinct()
        .sorted()
        .toArray();
  }

  long id() {
    return id;
  }

  long creatorId() {
    return creatorId;
  }

  boolean isMember(long userId) {
    return Arrays.binarySearch(members, userId) >= 0;
  }

  int size() {
    return members.length;
  }

  /** The members in ascending id order. */
  long[] members() {
    return members.clone();
  }

  Group withMember(long userId) {
    if (isMember(userId)) {
      return this;
    }
    long[] grown = Arrays.copyOf(members, members.length + 1);
    grown[members.length] = userId;
    Arrays.sort(grown);
    return new Group(id, creatorId, title, grown);
  }

  Group withoutMember(long userId) {
    if (!isMember(userId)) {
      return this;
    }
    return new Group(
        id, creatorId, title, Arrays.stream(members).filter(m -> m != userId).toArray());
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeLong(id);
    out.writeLong(creatorId);
    out.writeUTF(title);
    out.writeInt(members.length);
    for (long member : members) {
      out.writeLong(member);
    }
  }

  static Group readFrom(DataInput in) throws IOException {
    long id = SnapshotChecks.id(in.readLong(), "group");
    long creatorId = SnapshotChecks.id(in.readLong(), "group creator");
    String title = in.readUTF();
    long[] members = new long[SnapshotChecks.count(in.readInt(), "group members")];
    for (int i = 0; i < members.length; i++) {
      members[i] = SnapshotChecks.id(in.readLong(), "group member");
      if (i > 0 && members[i] <= members[i - 1]) {
        throw new IOException("members of group " + id + " are not sorted");
      }
    }
    return new Group(id, creatorId, title, members);
  }
}
