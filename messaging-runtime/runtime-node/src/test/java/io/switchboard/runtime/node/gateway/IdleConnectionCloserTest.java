package io.switchboard.runtime.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleConnectionCloserTest {

  private final List<Object> eventsPassedOn = new ArrayList<>();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new IdleConnectionCloser(),
          new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
              eventsPassedOn.add(event);
            }
          });

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void closesTheConnectionWhenTheClientWasSilentTooLong() {
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

    assertThat(channel.isOpen()).isFalse();
    assertThat(eventsPassedOn).isEmpty();
  }

  @Test
  void ignoresWriterIdlenessAndOtherEvents() {
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
    channel.pipeline().fireUserEventTriggered("another event");

    assertThat(channel.isOpen()).isTrue();
    assertThat(eventsPassedOn)
        .containsExactly(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT, "another event");
  }
}
