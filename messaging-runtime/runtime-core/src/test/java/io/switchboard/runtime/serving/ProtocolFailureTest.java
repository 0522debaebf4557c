package io.switchboard.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.messaging.NotLeaderException;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MessagingException;
import io.switchboard.runtime.protocol.Redirect;
import io.switchboard.runtime.sharding.ShardMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ProtocolFailureTest {

  private static final NotLeaderException NOT_LEADER =
      new NotLeaderException(new ShardMap.Route.Redirect(517, "node-b", 7));

  @Test
  void notLeaderIsWrongShardWithTheShardItsPrimaryAndTheMapVersion() {
    Throwable failure = ServiceMessagingEndpoint.toProtocolFailure(NOT_LEADER);

    assertThat(failure)
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.WRONG_SHARD);
              assertThat(refused.redirect())
                  .contains(
                      Redirect.newBuilder()
                          .setShard(517)
                          .setNodeId("node-b")
                          .setShardMapVersion(7)
                          .build());
              assertThat(refused.toError().getRedirect().getNodeId()).isEqualTo("node-b");
            });
  }

  @Test
  void wrappersAreLookedThrough() {
    Throwable wrapped =
        new CompletionException(new ExecutionException(new CompletionException(NOT_LEADER)));

    assertThat(ServiceMessagingEndpoint.toProtocolFailure(wrapped))
        .isInstanceOfSatisfying(
            MessagingException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.WRONG_SHARD));
  }

  @Test
  void aProtocolRefusalStaysAsItIs() {
    MessagingException refused = new MessagingException(ErrorCode.UNAVAILABLE, "later");

    assertThat(ServiceMessagingEndpoint.toProtocolFailure(new CompletionException(refused)))
        .isSameAs(refused);
  }

  @Test
  void anyOtherFailurePassesUnchanged() {
    IllegalStateException bug = new IllegalStateException("bug");
    CompletionException wrappedBug = new CompletionException(bug);
    CompletionException empty = new CompletionException("no cause", null);

    assertThat(ServiceMessagingEndpoint.toProtocolFailure(bug)).isSameAs(bug);
    assertThat(ServiceMessagingEndpoint.toProtocolFailure(wrappedBug)).isSameAs(wrappedBug);
    assertThat(ServiceMessagingEndpoint.toProtocolFailure(empty)).isSameAs(empty);
  }
}
