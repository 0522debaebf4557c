package io.switchboard.runtime.node.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * Assembles the pipeline of every admin connection; no other code adds admin handlers.
 *
 * <ol>
 *   <li>{@code http-codec}: {@link HttpServerCodec};
 *   <li>{@code keep-alive}: {@link HttpServerKeepAliveHandler}, which keeps or closes the
 *       connection as HTTP/1.x requires;
 *   <li>{@code aggregator}: {@link HttpObjectAggregator} capped at {@value #MAX_REQUEST_BYTES}
 *       bytes of body (admin requests carry none; larger ones get 413);
 *   <li>{@code requests}: the shared {@link AdminRequestHandler}.
 * </ol>
 */
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {

  static final int MAX_REQUEST_BYTES = 8 * 1024;

  private final AdminRequestHandler requests;

  public AdminChannelInitializer(AdminRequestHandler requests) {
    this.requests = requests;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("http-codec", new HttpServerCodec())
        .addLast("keep-alive", new HttpServerKeepAliveHandler())
        .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast("requests", requests);
  }
}
