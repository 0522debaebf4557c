package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.ChannelDifference;
import io.switchboard.runtime.protocol.ChannelPost;
import io.switchboard.runtime.protocol.Difference;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UpdateSequencerTest {

  private static final long CHANNEL = 77;

  private final List<Update> delivered = new ArrayList<>();
  private final ScriptedFetcher fetcher = new ScriptedFetcher();
  private final UpdateSequencer sequencer = new UpdateSequencer(delivered::add, fetcher);

  @Test
  void deliversContiguousUpdatesOnceEach() {
    sequencer.anchorMailbox(0);

    sequencer.accept(mailbox(1));
    sequencer.accept(mailbox(2));
    sequencer.accept(mailbox(1));
    sequencer.accept(mailbox(2));

    assertThat(mailboxPts()).containsExactly(1L, 2L);
    assertThat(fetcher.differenceRequests).isEmpty();
    assertThat(sequencer.mailboxPts()).hasValue(2);
  }

  @Test
  void holdsUpdatesUntilAnchoredThenDeliversFromTheAnchor() {
    sequencer.accept(mailbox(5));
    sequencer.accept(mailbox(4));
    assertThat(delivered).isEmpty();
    assertThat(sequencer.mailboxPts()).isEmpty();

    sequencer.anchorMailbox(3);

    assertThat(mailboxPts()).containsExactly(4L, 5L);
  }

  @Test
  void aGapFetchesTheDifferenceFromTheLastDeliveredPtsAndDeliversInOrder() {
    sequencer.anchorMailbox(0);
    sequencer.accept(mailbox(1));

    sequencer.accept(mailbox(4));
    sequencer.accept(mailbox(5));

    assertThat(mailboxPts()).containsExactly(1L);
    assertThat(fetcher.differenceRequests).containsExactly(1L);
    fetcher.answerDifference(difference(5, 2, 3, 4));
    assertThat(mailboxPts()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(fetcher.differenceRequests).containsExactly(1L);
  }

  @Test
  void resynchronisingPagesThroughTheDifferenceUntilTheStatePts() {
    sequencer.anchorMailbox(2);

    sequencer.resynchronize();
    fetcher.answerDifference(difference(5, 3, 4));
    fetcher.answerDifference(difference(5, 5));

    assertThat(fetcher.differenceRequests).containsExactly(2L, 4L);
    assertThat(mailboxPts()).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aFailedOrFruitlessFetchStopsUntilTheNextGap() {
    sequencer.anchorMailbox(0);
    sequencer.accept(mailbox(3));
    fetcher.failDifference();

    sequencer.resynchronize();
    fetcher.answerDifference(difference(9));

    assertThat(fetcher.differenceRequests).containsExactly(0L, 0L);
    assertThat(delivered).isEmpty();
  }

  @Test
  void onlyOneFetchPerStreamIsOutstanding() {
    sequencer.anchorMailbox(0);

    sequencer.accept(mailbox(3));
    sequencer.accept(mailbox(5));
    sequencer.resynchronize();

    assertThat(fetcher.differenceRequests).containsExactly(0L);
  }

  @Test
  void aPostOfAnUnknownChannelStartsItsStreamAndGapsFetchThatChannel() {
    sequencer.accept(post(CHANNEL, 10));
    sequencer.accept(post(CHANNEL, 12));

    assertThat(channelPts()).containsExactly(10L);
    assertThat(fetcher.channelRequests).containsExactly(List.of(CHANNEL, 10L));
    fetcher.answerChannelDifference(channelDifference(12, 11, 12));
    assertThat(channelPts()).containsExactly(10L, 11L, 12L);
  }

  @Test
  void aSubscribedChannelStartsAtItsPtsAndAForgottenOneIsNotResynchronised() {
    sequencer.anchorChannel(CHANNEL, 4);
    sequencer.accept(post(CHANNEL, 5));
    sequencer.forgetChannel(CHANNEL);

    sequencer.resynchronize();

    assertThat(channelPts()).containsExactly(5L);
    assertThat(fetcher.channelRequests).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotStopDelivery() {
    List<Long> seen = new ArrayList<>();
    UpdateSequencer failing =
        new UpdateSequencer(
            update -> {
              seen.add(update.getMailbox().getPts());
              throw new IllegalStateException("listener bug");
            },
            fetcher);
    failing.anchorMailbox(0);

    failing.accept(mailbox(1));
    failing.accept(mailbox(2));

    assertThat(seen).containsExactly(1L, 2L);
  }

  private List<Long> mailboxPts() {
    return delivered.stream()
        .filter(Update::hasMailbox)
        .map(update -> update.getMailbox().getPts())
        .toList();
  }

  private List<Long> channelPts() {
    return delivered.stream()
        .filter(Update::hasChannelPost)
        .map(update -> update.getChannelPost().getChannelPts())
        .toList();
  }

  private static Update mailbox(long pts) {
    return Update.newBuilder().setMailbox(MailboxUpdate.newBuilder().setPts(pts)).build();
  }

  private static Update post(long channelId, long channelPts) {
    return Update.newBuilder()
        .setChannelPost(ChannelPost.newBuilder().setChannelId(channelId).setChannelPts(channelPts))
        .build();
  }

  private static Difference difference(long statePts, long... pts) {
    Difference.Builder difference = Difference.newBuilder().setPts(statePts);
    for (long updatePts : pts) {
      difference.addUpdates(MailboxUpdate.newBuilder().setPts(updatePts));
    }
    return difference.build();
  }

  private static ChannelDifference channelDifference(long statePts, long... pts) {
    ChannelDifference.Builder difference = ChannelDifference.newBuilder().setChannelPts(statePts);
    for (long postPts : pts) {
      difference.addPosts(ChannelPost.newBuilder().setChannelId(CHANNEL).setChannelPts(postPts));
    }
    return difference.build();
  }

  /** Records fetches; the test answers each outstanding one. */
  private static final class ScriptedFetcher implements UpdateSequencer.Fetcher {

    final List<Long> differenceRequests = new ArrayList<>();
    final List<List<Long>> channelRequests = new ArrayList<>();
    private final List<CompletableFuture<Difference>> differences = new ArrayList<>();
    private final List<CompletableFuture<ChannelDifference>> channelDifferences = new ArrayList<>();

    @Override
    public CompletableFuture<Difference> difference(long pts) {
      differenceRequests.add(pts);
      CompletableFuture<Difference> answer = new CompletableFuture<>();
      differences.add(answer);
      return answer;
    }

    @Override
    public CompletableFuture<ChannelDifference> channelDifference(long channelId, long pts) {
      channelRequests.add(List.of(channelId, pts));
      CompletableFuture<ChannelDifference> answer = new CompletableFuture<>();
      channelDifferences.add(answer);
      return answer;
    }

    void answerDifference(Difference difference) {
      differences.remove(0).complete(difference);
    }

    void failDifference() {
      differences.remove(0).completeExceptionally(new ConnectionLostException("reset", null));
    }

    void answerChannelDifference(ChannelDifference difference) {
      channelDifferences.remove(0).complete(difference);
    }
  }
}
