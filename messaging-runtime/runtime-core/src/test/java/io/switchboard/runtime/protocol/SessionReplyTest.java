package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionReplyTest {

  private static final ServerFrame ERROR =
      ServerFrame.newBuilder()
          .setError(Error.newBuilder().setCode(ErrorCode.MALFORMED_FRAME).setMessage("bad"))
          .build();

  @Test
  void neverClosesWithoutAFrameThatSaysWhy() {
    assertThatThrownBy(() -> new SessionReply(List.of(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only after an error frame");
  }

  @Test
  void holdsAnImmutableCopyOfTheFrames() {
    List<ServerFrame> frames = new ArrayList<>(List.of(ERROR));
    SessionReply reply = new SessionReply(frames, true);

    frames.clear();

    assertThat(reply.frames()).containsExactly(ERROR);
    assertThatThrownBy(() -> reply.frames().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theFactoriesBuildTheThreeKindsOfReply() {
    assertThat(SessionReply.send(ERROR)).isEqualTo(new SessionReply(List.of(ERROR), false));
    assertThat(SessionReply.sendThenClose(ERROR)).isEqualTo(new SessionReply(List.of(ERROR), true));
    assertThat(SessionReply.nothing()).isEqualTo(new SessionReply(List.of(), false));
  }
}
