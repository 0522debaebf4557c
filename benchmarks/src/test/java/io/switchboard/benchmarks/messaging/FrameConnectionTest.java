package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.switchboard.runtime.protocol.Error;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MessageSent;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Update;
import org.junit.jupiter.api.Test;

class FrameConnectionTest {

  @Test
  void tellsPushedUpdatesFromAnswersByTheirFirstBytes() {
    ServerFrame push = ServerFrame.newBuilder().setUpdate(Update.getDefaultInstance()).build();
    ServerFrame answer =
        ServerFrame.newBuilder()
            .setRequestId(7)
            .setMessageSent(MessageSent.newBuilder().setPts(1))
            .build();
    ServerFrame fatalError =
        ServerFrame.newBuilder()
            .setError(Error.newBuilder().setCode(ErrorCode.MALFORMED_FRAME))
            .build();

    assertThat(FrameConnection.isPushedUpdate(Unpooled.wrappedBuffer(push.toByteArray()))).isTrue();
    assertThat(FrameConnection.isPushedUpdate(Unpooled.wrappedBuffer(answer.toByteArray())))
        .isFalse();
    assertThat(FrameConnection.isPushedUpdate(Unpooled.wrappedBuffer(fatalError.toByteArray())))
        .isFalse();
    assertThat(FrameConnection.isPushedUpdate(Unpooled.EMPTY_BUFFER)).isFalse();
  }
}
