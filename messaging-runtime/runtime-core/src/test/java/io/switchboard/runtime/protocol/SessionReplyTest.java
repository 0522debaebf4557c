package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionReplyTest {

  private static final ServerFrame ERROR =
      ServerFrame.newBuilder()
          .setError(Error.newBuilder().setCode(ErrorCode.MALFORMED_FRAME).setMessage("bad"))
          .build();

  private static final ClientFrame REGISTER =
      ClientFrame.newBuilder()
          .setRequestId(3)
          .setRegister(Register.newBuilder().setDisplayName("Ada").setDc("asia"))
          .build();

  @Test
  void neverClosesWithoutAFrameThatSaysWhy() {
    assertThatThrownBy(() -> new SessionReply(List.of(), true, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only after an error frame");
  }

  @Test
  void holdsAnImmutableCopyOfTheFrames() {
    List<ServerFrame> frames = new ArrayList<>(List.of(ERROR));
    SessionReply reply = new SessionReply(frames, true, Optional.empty());

    frames.clear();

    assertThat(reply.frames()).containsExactly(ERROR);
    assertThatThrownBy(() -> reply.frames().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anOperationIsAnsweredLaterSoTheReplyThatHandsItOverSendsNothing() {
    Optional<Operation> operation = Optional.of(new Operation(3, 0, REGISTER));

    assertThatThrownBy(() -> new SessionReply(List.of(ERROR), false, operation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answered by the endpoint");
    assertThatThrownBy(() -> new SessionReply(List.of(ERROR), true, operation))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFactoriesBuildTheFourKindsOfReply() {
    Operation operation = new Operation(3, 0, REGISTER);

    assertThat(SessionReply.send(ERROR))
        .isEqualTo(new SessionReply(List.of(ERROR), false, Optional.empty()));
    assertThat(SessionReply.sendThenClose(ERROR))
        .isEqualTo(new SessionReply(List.of(ERROR), true, Optional.empty()));
    assertThat(SessionReply.nothing())
        .isEqualTo(new SessionReply(List.of(), false, Optional.empty()));
    assertThat(SessionReply.carryOut(operation))
        .isEqualTo(new SessionReply(List.of(), false, Optional.of(operation)));
  }
}
