package io.switchboard.runtime.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.PresenceChange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call to a peer that accepts the connection but never answers fails after the call timeout. */
class PeerLinkTimeoutTest {

  private static final Duration CALL_TIMEOUT = Duration.ofMillis(300);

  private final List<Socket> accepted = new ArrayList<>();
  private ServerSocket silentPeer;
  private Thread acceptor;
  private EventLoopGroup loops;
  private PeerLinks links;

  @BeforeEach
  void start() throws IOException {
    silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket socket = silentPeer.accept();
                  synchronized (accepted) {
                    accepted.add(socket);
                  }
                }
              } catch (IOException closed) {
                // the test is over
              }
            },
            "silent-peer");
    acceptor.start();
    loops = new NioEventLoopGroup(1);
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), silentPeer.getLocalPort());
    links =
        new PeerLinks(
            loops,
            nodeId -> Optional.of(address),
            CALL_TIMEOUT,
            PresenceChange::getDefaultInstance,
            push -> {});
  }

  @AfterEach
  void stop() throws Exception {
    links.close();
    loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    silentPeer.close();
    acceptor.join();
    synchronized (accepted) {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aCallNobodyAnswersFailsAfterItsTimeoutAndNotBefore() {
    long start = System.nanoTime();
    CompletableFuture<PeerReply> call = links.link("silent").call(PeerRequest.newBuilder());

    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("did not answer within " + CALL_TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(CALL_TIMEOUT);
  }

  @Test
  void overdueCallsAreLookedForTenTimesPerTimeoutAtMostEvery100Milliseconds() {
    assertThat(links.link("silent").sweepPeriod()).isEqualTo(Duration.ofMillis(30));
    PeerLinks slow =
        new PeerLinks(
            loops,
            nodeId -> Optional.empty(),
            Duration.ofSeconds(5),
            PresenceChange::getDefaultInstance,
            push -> {});
    assertThat(slow.link("any").sweepPeriod()).isEqualTo(Duration.ofMillis(100));
  }
}
