package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessagingExceptionTest {

  private static final Redirect REDIRECT =
      Redirect.newBuilder().setShard(300).setNodeId("eu-2").setShardMapVersion(17).build();

  @Test
  void becomesTheErrorThatAnswersTheRequest() {
    MessagingException refused = new MessagingException(ErrorCode.FORBIDDEN, "not a member");

    assertThat(refused.toError())
        .isEqualTo(
            Error.newBuilder().setCode(ErrorCode.FORBIDDEN).setMessage("not a member").build());
    assertThat(refused.redirect()).isEmpty();
  }

  @Test
  void aWrongShardCarriesItsRedirectIntoTheError() {
    MessagingException wrongShard = MessagingException.wrongShard(REDIRECT);

    assertThat(wrongShard.code()).isEqualTo(ErrorCode.WRONG_SHARD);
    assertThat(wrongShard.toError().getRedirect()).isEqualTo(REDIRECT);
    assertThat(wrongShard.getMessage()).contains("shard 300", "eu-2", "version 17");
  }

  @Test
  void aWrongShardNeedsARedirect() {
    assertThatThrownBy(() -> new MessagingException(ErrorCode.WRONG_SHARD, "elsewhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redirect");
  }

  @Test
  void refusesCodesThatOnlyTheGatewayDecides() {
    for (ErrorCode code :
        new ErrorCode[] {
          ErrorCode.ERROR_CODE_UNSPECIFIED,
          ErrorCode.MALFORMED_FRAME,
          ErrorCode.HANDSHAKE_TIMEOUT,
          ErrorCode.AUTH_REQUIRED,
          ErrorCode.ALREADY_AUTHENTICATED
        }) {
      assertThatThrownBy(() -> new MessagingException(code, "no"))
          .as("%s", code)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
