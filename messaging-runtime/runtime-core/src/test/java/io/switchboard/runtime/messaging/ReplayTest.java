package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.RecoveryReport.CheckpointOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reopening the log rebuilds exactly the state, and therefore the answers, it had. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayTest {

  @TempDir Path directory;

  private TestNode node;
  private final List<Long> users = new ArrayList<>();
  private long group;
  private long channel;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
    for (String dc : List.of("europe", "americas", "asia", "europe", "middle-east")) {
      users.add(node.register("user in " + dc, dc).userId());
    }
    group = await(node.service.createGroup(users.get(0), "group", users.subList(1, 4)));
    channel = await(node.service.createChannel(users.get(1), "channel"));
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  /** Private, group and channel traffic, membership changes and a retry, all relayed. */
  private void traffic(int round) {
    for (int i = 0; i < users.size(); i++) {
      long sender = users.get(i);
      long recipient = users.get((i + 1 + round) % users.size());
      await(node.service.sendToUser(sender, recipient, round * 100 + i, "round " + round));
    }
    await(node.service.sendToUser(users.get(0), users.get(1), round * 100, "round " + round));
    await(node.service.sendToGroup(users.get(round % 4), group, round, "group " + round));
    await(node.service.subscribe(users.get(2 + round % 3), channel));
    node.setup.clock().advance(Duration.ofDays(20));
    await(node.service.post(users.get(1), channel, round, "post " + round));
    if (round == 1) {
      await(node.service.removeGroupMember(users.get(0), group, users.get(3)));
      await(node.service.unsubscribe(users.get(2), channel));
    }
    node.relayDue();
  }

  /** Every read the service answers for the scenario's users. */
  private List<Object> answers(TestNode of) {
    List<Object> answers = new ArrayList<>();
    for (long user : users) {
      answers.add(of.service.getDifference(user, 0, 1000));
      answers.add(historyOrRefusal(of, user, Peer.group(group)));
      answers.add(historyOrRefusal(of, user, Peer.user(users.get(0))));
    }
    answers.add(of.service.getChannelDifference(users.get(1), channel, 0, 1000));
    answers.add(of.state.channelBuckets(channel));
    return answers;
  }

  /** The page, or the refusal for a user outside the group: both must survive a restart. */
  private static Object historyOrRefusal(TestNode of, long user, Peer peer) {
    try {
      return of.service.history(user, peer, 0, 1000);
    } catch (MessagingException refused) {
      return refused.rejection();
    }
  }

  @Test
  void aCrashAndAFullReplayRebuildTheSameStateAndAnswers() throws IOException {
    traffic(0);
    traffic(1);
    byte[] before = node.stateBytes();
    List<Object> answersBefore = answers(node);

    node = node.crashAndReopen();

    assertThat(node.log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.ABSENT);
    assertThat(node.stateBytes()).isEqualTo(before);
    assertThat(answers(node)).isEqualTo(answersBefore);
  }

  @Test
  void aCheckpointPlusAReplayOfTheRestRebuildTheSameStateAndAnswers() throws IOException {
    traffic(0);
    await(node.log.checkpoint());
    traffic(1);
    traffic(2);
    byte[] before = node.stateBytes();
    List<Object> answersBefore = answers(node);

    node = node.crashAndReopen();

    assertThat(node.log.recoveryReport().checkpoint()).isEqualTo(CheckpointOutcome.USED);
    assertThat(node.log.recoveryReport().recordsReplayed()).isPositive();
    assertThat(node.stateBytes()).isEqualTo(before);
    assertThat(answers(node)).isEqualTo(answersBefore);
  }

  @Test
  void aCleanCloseRestoresFromTheFinalCheckpointAlone() throws IOException {
    traffic(0);
    byte[] before = node.stateBytes();
    List<Object> answersBefore = answers(node);
    int ptsBefore = node.service.getDifference(users.get(0), 0, 1).latestPts();

    node = node.closeAndReopen();

    assertThat(node.log.recoveryReport().recordsReplayed()).isZero();
    assertThat(node.stateBytes()).isEqualTo(before);
    assertThat(answers(node)).isEqualTo(answersBefore);
    assertThat(await(node.service.sendToUser(users.get(0), users.get(1), 999, "after")).pts())
        .hasValue(ptsBefore + 1);
  }

  @Test
  void truncatingTheLogRebuildsTheStateOfTheKeptRecords() {
    traffic(0);
    byte[] kept = node.stateBytes();
    LogPosition lastKept = lastRecord();
    traffic(1);
    assertThat(node.stateBytes()).isNotEqualTo(kept);

    await(node.log.truncateAfter(lastKept));

    assertThat(node.stateBytes()).isEqualTo(kept);
  }

  private LogPosition lastRecord() {
    LogPosition last = null;
    for (Iterator<LogRecord> records = node.log.readFrom(node.log.startPosition());
        records.hasNext(); ) {
      last = records.next().position();
    }
    return last;
  }
}
