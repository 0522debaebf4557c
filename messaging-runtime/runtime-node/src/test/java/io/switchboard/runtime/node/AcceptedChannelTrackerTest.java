package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcceptedChannelTrackerTest {

  private final ChannelGroup connections =
      new DefaultChannelGroup("connections", ImmediateEventExecutor.INSTANCE);
  private final EmbeddedChannel server =
      new EmbeddedChannel(new AcceptedChannelTracker(connections));
  private final EmbeddedChannel accepted = new EmbeddedChannel();

  @AfterEach
  void releaseEverything() {
    server.finishAndReleaseAll();
    accepted.finishAndReleaseAll();
  }

  @Test
  void tracksEveryAcceptedChannelAndPassesItOn() {
    server.writeInbound(accepted);

    assertThat((Collection<Channel>) connections).containsExactly(accepted);
    assertThat((Channel) server.readInbound()).isSameAs(accepted);
  }

  @Test
  void forgetsAChannelOnceItCloses() {
    server.writeInbound(accepted);

    accepted.close();

    assertThat((Collection<Channel>) connections).isEmpty();
  }

  @Test
  void passesOtherMessagesOnWithoutTrackingThem() {
    server.writeInbound("not a channel");

    assertThat((Collection<Channel>) connections).isEmpty();
    assertThat((String) server.readInbound()).isEqualTo("not a channel");
  }
}
