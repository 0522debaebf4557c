package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.Error;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.Pong;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Update;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayConnectionTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final List<Update> pushes = new CopyOnWriteArrayList<>();
  private final CompletableFuture<IOException> ended = new CompletableFuture<>();
  private FakeGateway gateway;
  private GatewayConnection connection;

  @AfterEach
  void closeBoth() throws IOException {
    connection.close();
    gateway.close();
  }

  @Test
  void numbersPipelinedRequestsAndMatchesAnswersInAnyOrderByRequestId() throws Exception {
    open();

    CompletableFuture<ServerFrame> first = connection.request(ping(10), WAIT);
    CompletableFuture<ServerFrame> second = connection.request(ping(20), WAIT);
    List<ClientFrame> requests = gateway.read(2);
    gateway.send(pong(2, 20), push(7), pong(1, 10));

    assertThat(requests).extracting(ClientFrame::getRequestId).containsExactly(1L, 2L);
    assertThat(first)
        .succeedsWithin(WAIT)
        .satisfies(answer -> assertThat(answer.getPong().getPayload()).isEqualTo(10));
    assertThat(second)
        .succeedsWithin(WAIT)
        .satisfies(answer -> assertThat(answer.getPong().getPayload()).isEqualTo(20));
    assertThat(pushes).extracting(update -> update.getMailbox().getPts()).containsExactly(7L);
  }

  @Test
  void whenTheGatewayHangsUpOutstandingRequestsFailAndTheFatalErrorIsTheReason() throws Exception {
    open();
    CompletableFuture<ServerFrame> outstanding = connection.request(ping(1), WAIT);
    gateway.read(1);

    gateway.send(
        ServerFrame.newBuilder()
            .setError(Error.newBuilder().setCode(ErrorCode.MALFORMED_FRAME).setMessage("bad"))
            .build());
    gateway.hangUp();

    assertThat(outstanding)
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(ConnectionLostException.class);
    assertThat(ended)
        .succeedsWithin(WAIT)
        .isInstanceOfSatisfying(
            GatewayException.class,
            reason -> assertThat(reason.code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
    assertThat(connection.request(ping(2), WAIT))
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(ConnectionLostException.class);
  }

  @Test
  void aRequestWithoutAnswerTimesOutAndItsLateAnswerIsDropped() throws Exception {
    open();

    CompletableFuture<ServerFrame> unanswered = connection.request(ping(1), Duration.ofMillis(50));

    assertThat(unanswered)
        .failsWithin(WAIT)
        .withThrowableThat()
        .withCauseInstanceOf(TimeoutException.class);
    gateway.read(1);
    gateway.send(pong(1, 1));
    CompletableFuture<ServerFrame> next = connection.request(ping(2), WAIT);
    gateway.read(1);
    gateway.send(pong(2, 2));
    assertThat(next)
        .succeedsWithin(WAIT)
        .satisfies(answer -> assertThat(answer.getRequestId()).isEqualTo(2));
    assertThat(ended).isNotDone();
  }

  private void open() throws IOException {
    gateway = new FakeGateway();
    CompletableFuture<Void> accepted =
        CompletableFuture.runAsync(
            () -> {
              try {
                gateway.accept();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    connection =
        GatewayConnection.open(
            gateway.address(), WAIT, pushes::add, (closed, cause) -> ended.complete(cause));
    accepted.join();
  }

  private static ClientFrame ping(long payload) {
    return ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(payload)).build();
  }

  private static ServerFrame pong(long requestId, long payload) {
    return ServerFrame.newBuilder()
        .setRequestId(requestId)
        .setPong(Pong.newBuilder().setPayload(payload))
        .build();
  }

  private static ServerFrame push(long pts) {
    return ServerFrame.newBuilder()
        .setUpdate(Update.newBuilder().setMailbox(MailboxUpdate.newBuilder().setPts(pts)))
        .build();
  }
}
