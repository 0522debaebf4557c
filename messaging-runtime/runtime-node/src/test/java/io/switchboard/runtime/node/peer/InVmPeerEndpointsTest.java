package io.switchboard.runtime.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.PresenceChange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A link to a peer served in this JVM connects in-VM; once that endpoint closes, links to its
 * address go over TCP again. The peer's TCP port has nothing listening, so only an in-VM connection
 * can carry a call.
 */
class InVmPeerEndpointsTest {

  private final List<Channel> accepted = new CopyOnWriteArrayList<>();
  private EventLoopGroup loops;
  private InetSocketAddress tcpAddress;
  private Channel endpoint;
  private PeerLinks links;

  @BeforeEach
  void start() throws IOException {
    loops = new NioEventLoopGroup(1);
    tcpAddress = addressNobodyListensOn();
    endpoint = InVmPeerEndpoints.bind(tcpAddress, loops, new AcceptRecorder(), new AnsweringPeer());
    links =
        new PeerLinks(
            loops,
            nodeId -> Optional.of(tcpAddress),
            Duration.ofSeconds(5),
            PresenceChange::getDefaultInstance,
            push -> {});
  }

  @AfterEach
  void stop() throws Exception {
    links.close();
    endpoint.close().sync();
    loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
  }

  @Test
  void aCallToAPeerOfThisJvmIsAnsweredOverAnInVmConnection() throws Exception {
    PeerReply reply = links.link("peer").call(PeerRequest.newBuilder()).get(10, TimeUnit.SECONDS);

    assertThat(reply.getCallId()).isPositive();
    assertThat(accepted).singleElement().isInstanceOf(LocalChannel.class);
  }

  @Test
  void anEndpointThatClosedIsForgottenAndLinksToItsAddressUseTcp() throws Exception {
    endpoint.close().sync();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> InVmPeerEndpoints.lookup(tcpAddress).isEmpty());

    assertThatThrownBy(
            () -> links.link("peer").call(PeerRequest.newBuilder()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("cannot connect to node peer at " + tcpAddress);
    assertThat(accepted).isEmpty();
  }

  @Test
  void aSecondEndpointForTheSameAddressIsRefused() {
    assertThatThrownBy(
            () ->
                InVmPeerEndpoints.bind(
                    tcpAddress, loops, new AcceptRecorder(), new AnsweringPeer()))
        .isInstanceOf(IOException.class)
        .hasMessage("an in-VM peer endpoint is bound for " + tcpAddress + " already");
    assertThat(InVmPeerEndpoints.lookup(tcpAddress)).isPresent();
    assertThat(accepted).isEmpty();
  }

  private static InetSocketAddress addressNobodyListensOn() throws IOException {
    try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), closedAgain.getLocalPort());
    }
  }

  @Sharable
  private final class AcceptRecorder extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      accepted.add((Channel) msg);
      ctx.fireChannelRead(msg);
    }
  }

  /** Answers every call with an empty reply carrying its call id, as a node's peer port does. */
  private static final class AnsweringPeer extends ChannelInitializer<Channel> {
    @Override
    protected void initChannel(Channel channel) {
      PeerCodec.install(channel.pipeline(), PeerRequest.getDefaultInstance());
      channel
          .pipeline()
          .addLast(
              new SimpleChannelInboundHandler<PeerRequest>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, PeerRequest request) {
                  ctx.writeAndFlush(PeerReply.newBuilder().setCallId(request.getCallId()).build());
                }
              });
    }
  }
}
