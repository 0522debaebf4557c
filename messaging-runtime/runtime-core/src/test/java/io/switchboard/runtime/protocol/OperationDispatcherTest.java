package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OperationDispatcherTest {

  private final InMemoryMessaging messaging = new InMemoryMessaging();
  private final List<Throwable> unexpected = new ArrayList<>();
  private final OperationDispatcher dispatcher =
      new OperationDispatcher(messaging, (operation, failure) -> unexpected.add(failure));

  @Test
  void answersEveryOperationWithItsResultBodyAndTheRequestId() {
    ServerFrame ada = dispatch(new Operation(1, 0, Requests.register(1, "Ada", "europe")));
    long adaId = ada.getRegistered().getUserId();
    ServerFrame login =
        dispatch(new Operation(2, 0, Requests.authenticate(2, ada.getRegistered().getToken())));
    List<ServerFrame> answers = new ArrayList<>();
    for (ClientFrame request : Requests.userOperations(3, adaId, 1, 1)) {
      answers.add(dispatch(new Operation(request.getRequestId(), adaId, request)));
    }

    assertThat(ada.getRequestId()).isEqualTo(1);
    assertThat(adaId).isPositive();
    assertThat(login.getAuthenticated().getUserId()).isEqualTo(adaId);
    assertThat(answers)
        .extracting(ServerFrame::getBodyCase)
        .containsExactly(
            ServerFrame.BodyCase.MESSAGE_SENT,
            ServerFrame.BodyCase.GROUP_CREATED,
            ServerFrame.BodyCase.GROUP_MEMBER_ADDED,
            ServerFrame.BodyCase.GROUP_MEMBER_REMOVED,
            ServerFrame.BodyCase.CHANNEL_CREATED,
            ServerFrame.BodyCase.SUBSCRIBED,
            ServerFrame.BodyCase.UNSUBSCRIBED,
            ServerFrame.BodyCase.CHANNEL_POST_PUBLISHED,
            ServerFrame.BodyCase.HISTORY,
            ServerFrame.BodyCase.DIFFERENCE,
            ServerFrame.BodyCase.CHANNEL_DIFFERENCE,
            ServerFrame.BodyCase.CHANNEL_ADMIN_ADDED,
            ServerFrame.BodyCase.CHANNEL_ADMIN_REMOVED);
    assertThat(answers)
        .extracting(ServerFrame::getRequestId)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    assertThat(unexpected).isEmpty();
  }

  @Test
  void aRefusalIsAnsweredWithItsErrorAndIsNotUnexpected() {
    ServerFrame answer =
        dispatch(
            new Operation(
                4, 1_024, Requests.sendTo(4, Peer.newBuilder().setUserId(5_000).build(), 1, "hi")));

    assertThat(answer.getRequestId()).isEqualTo(4);
    assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.PEER_UNKNOWN);
    assertThat(unexpected).isEmpty();
  }

  @Test
  void aRefusalThrownInsteadOfReturnedIsAnsweredAlike() {
    MessagingException wrongShard =
        MessagingException.wrongShard(
            Redirect.newBuilder().setShard(9).setNodeId("as-2").setShardMapVersion(4).build());
    OperationDispatcher throwing =
        new OperationDispatcher(
            endpointThat(
                () -> {
                  throw wrongShard;
                }),
            (operation, failure) -> unexpected.add(failure));

    ServerFrame answer = throwing.dispatch(anySend(6)).join();

    assertThat(answer.getError()).isEqualTo(wrongShard.toError());
    assertThat(unexpected).isEmpty();
  }

  @Test
  void anyOtherFailureIsAnsweredAsInternalAndReported() {
    IllegalStateException bug = new IllegalStateException("bug");
    List<Supplier<Object>> failures =
        List.of(
            () -> CompletableFuture.failedFuture(bug),
            () -> {
              throw bug;
            },
            () -> null,
            () -> CompletableFuture.completedFuture(null));

    for (Supplier<Object> failure : failures) {
      ServerFrame answer =
          new OperationDispatcher(
                  endpointThat(failure), (operation, cause) -> unexpected.add(cause))
              .dispatch(anySend(7))
              .join();

      assertThat(answer.getRequestId()).isEqualTo(7);
      assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.INTERNAL);
    }
    assertThat(unexpected).hasSize(4).startsWith(bug, bug);
  }

  @Test
  void theAnswerIsReadyWhenTheEndpointCompletesNotBefore() {
    messaging.holdAnswers();

    CompletableFuture<ServerFrame> answer =
        dispatcher.dispatch(new Operation(8, 0, Requests.register(8, "Ada", "asia")));

    assertThat(answer).isNotDone();
    messaging.releaseHeldAnswers(false);
    assertThat(answer.join().hasRegistered()).isTrue();
  }

  private ServerFrame dispatch(Operation operation) {
    CompletableFuture<ServerFrame> answer = dispatcher.dispatch(operation);
    assertThat(answer).isDone();
    return answer.join();
  }

  private static Operation anySend(long requestId) {
    return new Operation(
        requestId,
        1_024,
        Requests.sendTo(requestId, Peer.newBuilder().setUserId(2_048).build(), 1, "hi"));
  }

  /** An endpoint whose every method does what {@code behaviour} does. */
  private static MessagingEndpoint endpointThat(Supplier<Object> behaviour) {
    return (MessagingEndpoint)
        Proxy.newProxyInstance(
            MessagingEndpoint.class.getClassLoader(),
            new Class<?>[] {MessagingEndpoint.class},
            (proxy, method, args) -> behaviour.get());
  }
}
