package io.switchboard.runtime.node.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoint's HTTP requests.
 *
 * <p>Routing, first matching rule wins:
 *
 * <ol>
 *   <li>A request that failed to decode: 400.
 *   <li>A path other than {@code /health}, {@code /stats} and {@code /metrics} (query ignored):
 *       404.
 *   <li>A method other than GET: 405 with {@code Allow: GET}.
 *   <li>{@code /health}: 200, {@link HealthReport} as JSON.
 *   <li>{@code /stats}: 200, {@link StatsReport} as JSON.
 *   <li>{@code /metrics}: 200, {@link NodeMetrics#scrape()} in the Prometheus text format.
 * </ol>
 *
 * <p>Every response carries a content length; keep-alive is left to the pipeline. Stateless and
 * shared.
 */
@Sharable
public final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(AdminRequestHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = "text/plain; charset=utf-8";

  private final NodeStatus status;
  private final NodeMetrics metrics;

  public AdminRequestHandler(NodeStatus status, NodeMetrics metrics) {
    this.status = status;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request)
      throws JsonProcessingException {
    ctx.writeAndFlush(respond(request));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("{}: closing admin connection after failure", ctx.channel(), cause);
    ctx.close();
  }

  private FullHttpResponse respond(FullHttpRequest request) throws JsonProcessingException {
    if (request.decoderResult().isFailure()) {
      return text(HttpResponseStatus.BAD_REQUEST, "undecodable request\n");
    }
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals("/health") && !path.equals("/stats") && !path.equals("/metrics")) {
      return text(HttpResponseStatus.NOT_FOUND, "no such path: " + path + "\n");
    }
    if (!request.method().equals(HttpMethod.GET)) {
      FullHttpResponse response =
          text(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " is not allowed\n");
      response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
      return response;
    }
    return switch (path) {
      case "/health" -> json(status.health());
      case "/stats" -> json(status.stats());
      default -> ok(metrics.contentType(), metrics.scrape());
    };
  }

  private static FullHttpResponse json(Object body) throws JsonProcessingException {
    return ok(HttpHeaderValues.APPLICATION_JSON.toString(), JSON.writeValueAsBytes(body));
  }

  private static FullHttpResponse ok(String contentType, byte[] body) {
    return response(HttpResponseStatus.OK, contentType, body);
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    return response(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }

  private static FullHttpResponse response(
      HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, body.length);
    return response;
  }
}
