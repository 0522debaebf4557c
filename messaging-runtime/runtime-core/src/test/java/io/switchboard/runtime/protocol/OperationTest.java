package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationTest {

  private static final ClientFrame REGISTER =
      ClientFrame.newBuilder()
          .setRequestId(1)
          .setRegister(Register.newBuilder().setDisplayName("Ada").setDc("asia"))
          .build();

  private static final ClientFrame CREATE_CHANNEL =
      ClientFrame.newBuilder()
          .setRequestId(2)
          .setCreateChannel(CreateChannel.newBuilder().setTitle("news"))
          .build();

  @Test
  void authenticationsRunWithoutAUserAndEverythingElseWithOne() {
    assertThat(new Operation(1, 0, REGISTER).isAuthentication()).isTrue();
    assertThat(new Operation(2, 77, CREATE_CHANNEL).isAuthentication()).isFalse();
    assertThatThrownBy(() -> new Operation(1, 77, REGISTER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Operation(2, 0, CREATE_CHANNEL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handshakesAndPingsAreNotOperations() {
    ClientFrame ping =
        ClientFrame.newBuilder().setRequestId(3).setPing(Ping.getDefaultInstance()).build();

    assertThatThrownBy(() -> new Operation(3, 77, ping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PING");
  }

  @Test
  void answersARequestWithANonZeroId() {
    assertThatThrownBy(() -> new Operation(0, 77, CREATE_CHANNEL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
