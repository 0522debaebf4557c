package io.switchboard.runtime.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link EmbeddedChannel} holds written messages until it is flushed, like a socket whose client
 * does not read: writing without flushing fills the outbound buffer, flushing drains it. Every
 * message below weighs its bytes plus Netty's per-message overhead, so 300 bytes cross the 200-byte
 * high-water mark.
 */
class SlowConsumerGuardTest {

  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final OutboundLimits LIMITS = new OutboundLimits(100, 200, 1_000, GRACE);

  private final GatewayTraffic traffic = new GatewayTraffic();
  private final List<Boolean> writabilityPassedOn = new ArrayList<>();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new SlowConsumerGuard(LIMITS, traffic),
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
              writabilityPassedOn.add(ctx.channel().isWritable());
            }
          });

  SlowConsumerGuardTest() {
    channel.config().setWriteBufferWaterMark(LIMITS.waterMark());
    channel.freezeTime();
  }

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void stopsReadingWhileUnwritableAndResumesOnceTheOutputDrains() {
    channel.write(bytes(300));

    assertThat(channel.isWritable()).isFalse();
    assertThat(channel.config().isAutoRead()).isFalse();

    channel.flush();

    assertThat(channel.isWritable()).isTrue();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(writabilityPassedOn).containsExactly(false, true);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void disconnectsAConnectionThatStaysUnwritableForTheGrace() {
    ByteBuf unread = bytes(300);
    channel.write(unread);

    advance(GRACE.minusMillis(1));
    assertThat(channel.isOpen()).isTrue();

    advance(Duration.ofMillis(1));
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.slowConsumerDisconnects()).isEqualTo(1);
    assertThat(unread.refCnt()).as("the pending output is discarded").isZero();
    assertThat(channel.outboundMessages()).as("nothing is sent").isEmpty();
  }

  @Test
  void keepsAConnectionThatDrainsWithinTheGrace() {
    channel.write(bytes(300));
    advance(GRACE.minusMillis(1));

    channel.flush();
    advance(GRACE.multipliedBy(2));

    assertThat(channel.isOpen()).isTrue();
    assertThat(traffic.slowConsumerDisconnects()).isZero();
  }

  @Test
  void theGraceStartsAgainEachTimeTheConnectionBecomesUnwritable() {
    channel.write(bytes(300));
    advance(GRACE.minusMillis(1));
    channel.flush();

    channel.write(bytes(300));
    advance(GRACE.minusMillis(1));

    assertThat(channel.isOpen()).isTrue();
    advance(Duration.ofMillis(1));
    assertThat(channel.isOpen()).isFalse();
    assertThat(traffic.slowConsumerDisconnects()).isEqualTo(1);
  }

  @Test
  void disconnectsAtOnceWhenThePendingOutputExceedsTheHardCap() {
    List<ByteBuf> unread = List.of(bytes(300), bytes(300), bytes(300));

    channel.write(unread.get(0));
    channel.write(unread.get(1));
    assertThat(channel.isOpen()).as("two messages pending, below the cap").isTrue();

    channel.write(unread.get(2));

    assertThat(channel.isOpen()).as("three messages pending, above the cap").isFalse();
    assertThat(traffic.slowConsumerDisconnects()).isEqualTo(1);
    assertThat(unread).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
  }

  @Test
  void aConnectionClosedForAnotherReasonIsNotCountedAsASlowConsumer() {
    channel.write(bytes(300));

    channel.close();
    advance(GRACE.multipliedBy(2));

    assertThat(traffic.slowConsumerDisconnects()).isZero();
  }

  @Test
  void leavesAConnectionBelowTheHighWaterMarkAlone() {
    channel.write(bytes(50));
    advance(GRACE.multipliedBy(2));

    assertThat(channel.isWritable()).isTrue();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(channel.isOpen()).isTrue();
    assertThat(writabilityPassedOn).isEmpty();
  }

  private void advance(Duration time) {
    channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
  }

  private static ByteBuf bytes(int count) {
    return Unpooled.wrappedBuffer(new byte[count]);
  }
}
