package io.switchboard.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.runtime.messaging.Rejection;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MessagingException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every refusal of the messaging runtime reaches the client with the code docs/protocol.md names.
 */
class RejectionCodesTest {

  /** The expected code of every rejection; a new rejection fails until it is added here. */
  private static final Map<Rejection, ErrorCode> SPECIFIED =
      Map.ofEntries(
          Map.entry(Rejection.INVALID_TEXT, ErrorCode.INVALID_ARGUMENT),
          Map.entry(Rejection.TEXT_TOO_LONG, ErrorCode.TEXT_TOO_LONG),
          Map.entry(Rejection.INVALID_NAME, ErrorCode.INVALID_ARGUMENT),
          Map.entry(Rejection.GROUP_TOO_LARGE, ErrorCode.GROUP_TOO_LARGE),
          Map.entry(Rejection.INVALID_PAGE, ErrorCode.INVALID_ARGUMENT),
          Map.entry(Rejection.UNKNOWN_DATA_CENTER, ErrorCode.INVALID_ARGUMENT),
          Map.entry(Rejection.UNKNOWN_USER, ErrorCode.PEER_UNKNOWN),
          Map.entry(Rejection.UNKNOWN_PEER, ErrorCode.PEER_UNKNOWN),
          Map.entry(Rejection.NOT_A_MEMBER, ErrorCode.FORBIDDEN),
          Map.entry(Rejection.NOT_ALLOWED, ErrorCode.FORBIDDEN),
          Map.entry(Rejection.INVALID_TOKEN, ErrorCode.AUTH_INVALID),
          Map.entry(Rejection.NOT_LEADER, ErrorCode.UNAVAILABLE),
          Map.entry(Rejection.STALE_EPOCH, ErrorCode.UNAVAILABLE),
          Map.entry(Rejection.MALFORMED_COMMAND, ErrorCode.INTERNAL));

  @Test
  void everyRejectionHasASpecifiedCode() {
    assertThat(SPECIFIED).containsOnlyKeys(Rejection.values());
  }

  @ParameterizedTest
  @EnumSource(Rejection.class)
  void eachRejectionMapsToItsSpecifiedCode(Rejection rejection) {
    assertThat(RejectionCodes.codeOf(rejection)).isEqualTo(SPECIFIED.get(rejection));
  }

  @ParameterizedTest
  @EnumSource(Rejection.class)
  void eachCodeIsOneAnEndpointMayReportWithoutARedirect(Rejection rejection) {
    assertThatCode(() -> new MessagingException(RejectionCodes.codeOf(rejection), "why"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(Rejection.class)
  void eachRefusalBecomesAProtocolRefusalWithItsCodeAndMessage(Rejection rejection) {
    Throwable failure =
        ServiceMessagingEndpoint.toProtocolFailure(
            new CompletionException(
                new io.switchboard.runtime.messaging.MessagingException(rejection, "because")));

    assertThat(failure)
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(SPECIFIED.get(rejection));
              assertThat(refused.getMessage()).isEqualTo("because");
              assertThat(refused.redirect()).isEmpty();
            });
  }
}
