package io.switchboard.runtime.messaging;

import java.util.List;

/**
 * A page of a channel's log after a given pts.
 *
 * @param posts the posts with pts from the asked pts + 1 on, in pts order, without gaps
 * @param latestPts the channel's newest pts
 */
public record ChannelDifference(List<ChannelPost> posts, int latestPts) {

  public ChannelDifference {
    posts = List.copyOf(posts);
  }
}
