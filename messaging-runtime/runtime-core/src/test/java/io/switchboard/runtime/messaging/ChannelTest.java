package io.switchboard.runtime.messaging;

import static io.switchboard.runtime.messaging.TestNode.await;
import static io.switchboard.runtime.messaging.TestNode.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelTest {

  @TempDir Path directory;

  private TestNode node;
  private long owner;
  private long admin;
  private long reader;
  private long stranger;
  private long channel;

  @BeforeEach
  void open() throws IOException {
    node = TestNode.open(directory);
    owner = node.register("owner", "europe").userId();
    admin = node.register("admin", "asia").userId();
    reader = node.register("reader", "americas").userId();
    stranger = node.register("stranger", "europe").userId();
    channel = await(node.service.createChannel(owner, "announcements"));
    await(node.service.addChannelAdmin(owner, channel, admin));
    await(node.service.subscribe(reader, channel));
  }

  @AfterEach
  void close() throws IOException {
    node.close();
  }

  @Test
  void onlyTheOwnerAndAdminsPost() {
    await(node.service.post(owner, channel, 1, "from the owner"));
    await(node.service.post(admin, channel, 1, "from an admin"));

    assertThat(refusal(node.service.post(reader, channel, 1, "from a reader")).rejection())
        .isEqualTo(Rejection.NOT_ALLOWED);
    assertThat(refusal(node.service.addChannelAdmin(admin, channel, reader)).rejection())
        .isEqualTo(Rejection.NOT_ALLOWED);
    await(node.service.removeChannelAdmin(owner, channel, admin));
    assertThat(refusal(node.service.post(admin, channel, 2, "demoted")).rejection())
        .isEqualTo(Rejection.NOT_ALLOWED);
  }

  @Test
  void subscribersReadPostsWithGetChannelDifference() {
    for (int i = 1; i <= 5; i++) {
      PostReceipt receipt = await(node.service.post(owner, channel, i, "post " + i));
      assertThat(receipt.pts()).isEqualTo(i);
    }

    ChannelDifference firstPage = node.service.getChannelDifference(reader, channel, 0, 3);
    ChannelDifference rest = node.service.getChannelDifference(reader, channel, 3, 3);

    assertThat(firstPage.posts()).extracting(ChannelPost::pts).containsExactly(1, 2, 3);
    assertThat(rest.posts()).extracting(ChannelPost::text).containsExactly("post 4", "post 5");
    assertThat(rest.latestPts()).isEqualTo(5);
    assertThatThrownBy(() -> node.service.getChannelDifference(stranger, channel, 0, 3))
        .isInstanceOfSatisfying(
            MessagingException.class,
            e -> assertThat(e.rejection()).isEqualTo(Rejection.NOT_A_MEMBER));
  }

  @Test
  void postsAreBucketedByTheMonthOfTheirDate() {
    postAt("2026-11-29T23:59:59Z", "november");
    postAt("2026-11-30T12:00:00Z", "november again");
    postAt("2026-12-01T00:00:00Z", "december");
    postAt("2027-01-15T08:00:00Z", "january");
    postAt("2026-12-31T23:00:00Z", "a clock running behind");

    assertThat(node.state.channelBuckets(channel))
        .containsExactly(
            new ChannelBucket(channel, YearMonth.of(2026, 11), 1, 2),
            new ChannelBucket(channel, YearMonth.of(2026, 12), 3, 1),
            new ChannelBucket(channel, YearMonth.of(2027, 1), 4, 2));
    assertThat(node.service.getChannelDifference(reader, channel, 0, 10).posts())
        .extracting(ChannelPost::text)
        .containsExactly(
            "november", "november again", "december", "january", "a clock running behind");
  }

  @Test
  void onlySubscribersGetPostsPushed() {
    long late = node.register("late", "asia").userId();
    await(node.service.subscribe(late, channel));
    await(node.service.post(owner, channel, 1, "everyone"));
    await(node.service.unsubscribe(reader, channel));
    await(node.service.post(owner, channel, 2, "only the remaining"));

    assertThat(node.pushesTo(reader))
        .extracting(u -> ((ChannelPost) u).text())
        .containsExactly("everyone");
    assertThat(node.pushesTo(late))
        .extracting(u -> ((ChannelPost) u).text())
        .containsExactly("everyone", "only the remaining");
    assertThat(node.pushesTo(admin)).as("admins who do not subscribe get no pushes").isEmpty();
    assertThat(node.pushesTo(stranger)).isEmpty();
  }

  private void postAt(String date, String text) {
    node.setup.clock().set(Instant.parse(date));
    await(node.service.post(owner, channel, text.hashCode(), text));
  }
}
