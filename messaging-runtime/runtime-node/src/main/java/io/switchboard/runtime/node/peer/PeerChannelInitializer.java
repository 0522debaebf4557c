package io.switchboard.runtime.node.peer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.switchboard.runtime.node.fault.NetworkPartition;
import io.switchboard.runtime.peer.PeerRequest;

/** The pipeline of a connection accepted on the peer port or the in-VM peer endpoint. */
public final class PeerChannelInitializer extends ChannelInitializer<Channel> {

  private final PeerService service;
  private final PresenceTable presence;
  private final NetworkPartition partition;

  /**
   * @param partition the node's partition fault: it guards the connection, and isolates the node
   *     when a peer request says so
   */
  public PeerChannelInitializer(
      PeerService service, PresenceTable presence, NetworkPartition partition) {
    this.service = service;
    this.presence = presence;
    this.partition = partition;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(partition.guard());
    channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
    PeerCodec.install(channel.pipeline(), PeerRequest.getDefaultInstance());
    channel.pipeline().addLast(new PeerRequestHandler(service, presence, partition));
  }
}
