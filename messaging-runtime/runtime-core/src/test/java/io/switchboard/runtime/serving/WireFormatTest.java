package io.switchboard.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.messaging.ChannelPost;
import io.switchboard.runtime.messaging.MailboxMessage;
import io.switchboard.runtime.messaging.Peer;
import io.switchboard.runtime.messaging.PostReceipt;
import io.switchboard.runtime.protocol.Message;
import io.switchboard.runtime.protocol.Update;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private static final Instant DATE = Instant.ofEpochMilli(1_735_689_601_000L);

  @Test
  void aMessageCarriesItsRandomIdAsMessageIdAndThePeerAsItsOwnerSeesIt() {
    MailboxMessage received =
        new MailboxMessage(3, Peer.user(1280), 1280, false, 0x0123456789abcdefL, "hi", DATE);

    Message wire = WireFormat.message(received);

    assertThat(wire.getMessageId()).isEqualTo(0x0123456789abcdefL);
    assertThat(wire.getPts()).isEqualTo(3);
    assertThat(wire.getPeer().getUserId()).isEqualTo(1280);
    assertThat(wire.getFromUserId()).isEqualTo(1280);
    assertThat(wire.getDate()).isEqualTo(1_735_689_601_000L);
    assertThat(wire.getText()).isEqualTo("hi");
  }

  @Test
  void aRandomIdWithTheHighBitSetIsAnUnsignedMessageId() {
    MailboxMessage message = new MailboxMessage(1, Peer.group(2049), 1280, true, -2L, "x", DATE);

    assertThat(Long.toUnsignedString(WireFormat.message(message).getMessageId()))
        .isEqualTo("18446744073709551614");
    assertThat(WireFormat.message(message).getPeer().getGroupId()).isEqualTo(2049);
  }

  @Test
  void peersConvertBothWays() {
    for (Peer peer : List.of(Peer.user(1281), Peer.group(4097))) {
      assertThat(WireFormat.peer(WireFormat.peer(peer))).isEqualTo(peer);
    }
    assertThatThrownBy(
            () -> WireFormat.peer(io.switchboard.runtime.protocol.Peer.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updatesAreMailboxUpdatesOrChannelPosts() {
    MailboxMessage message = new MailboxMessage(7, Peer.user(1281), 1280, true, 9, "hi", DATE);
    ChannelPost post = new ChannelPost(3073, 4, 1280, "news", DATE);

    Update mailbox = WireFormat.update(message);
    Update channel = WireFormat.update(post);

    assertThat(mailbox.getMailbox().getPts()).isEqualTo(7);
    assertThat(mailbox.getMailbox().getNewMessage()).isEqualTo(WireFormat.message(message));
    assertThat(channel.getChannelPost().getChannelId()).isEqualTo(3073);
    assertThat(channel.getChannelPost().getPostId()).isEqualTo(4);
    assertThat(channel.getChannelPost().getChannelPts()).isEqualTo(4);
    assertThat(channel.getChannelPost().getAuthorUserId()).isEqualTo(1280);
    assertThat(channel.getChannelPost().getDate()).isEqualTo(DATE.toEpochMilli());
  }

  @Test
  void differencesCarryTheLatestPts() {
    MailboxMessage message = new MailboxMessage(2, Peer.user(1281), 1280, true, 9, "hi", DATE);

    assertThat(
            WireFormat.difference(
                new io.switchboard.runtime.messaging.Difference(List.of(message), 5)))
        .satisfies(
            difference -> {
              assertThat(difference.getPts()).isEqualTo(5);
              assertThat(difference.getUpdates(0).getPts()).isEqualTo(2);
            });
    assertThat(
            WireFormat.channelDifference(
                    new io.switchboard.runtime.messaging.ChannelDifference(List.of(), 4))
                .getChannelPts())
        .isEqualTo(4);
  }

  @Test
  void aPublishedPostIsIdentifiedByItsChannelPts() {
    assertThat(WireFormat.postPublished(new PostReceipt(3073, 12, DATE)))
        .satisfies(
            published -> {
              assertThat(published.getPostId()).isEqualTo(12);
              assertThat(published.getChannelPts()).isEqualTo(12);
              assertThat(published.getDate()).isEqualTo(DATE.toEpochMilli());
            });
  }

  @Test
  void wirePtsBeyondAnIntMeanAfterEverything() {
    assertThat(WireFormat.pts(0)).isZero();
    assertThat(WireFormat.pts(42)).isEqualTo(42);
    assertThat(WireFormat.pts(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(WireFormat.pts(1L << 31)).isEqualTo(Integer.MAX_VALUE);
    assertThat(WireFormat.pts(-1L)).isEqualTo(Integer.MAX_VALUE);
  }
}
