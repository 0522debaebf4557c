package io.switchboard.runtime.node.peer;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.switchboard.runtime.peer.PeerRequest;

/** The pipeline of a connection accepted on the peer port. */
public final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

  private final PeerService service;
  private final PresenceTable presence;

  public PeerChannelInitializer(PeerService service, PresenceTable presence) {
    this.service = service;
    this.presence = presence;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
    PeerCodec.install(channel.pipeline(), PeerRequest.getDefaultInstance());
    channel.pipeline().addLast(new PeerRequestHandler(service, presence));
  }
}
