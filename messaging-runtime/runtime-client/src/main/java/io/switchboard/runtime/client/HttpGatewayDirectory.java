package io.switchboard.runtime.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's gateway endpoint directory over HTTP: {@code GET
 * <control-plane>/api/v1/gateways?format=text&home=<dc>}, which answers the serving gateways one
 * {@code host:port} per line, the client's home DC first while it serves.
 */
public final class HttpGatewayDirectory implements GatewayDirectory {

  private final HttpClient http;
  private final URI uri;
  private final Duration timeout;

  /**
   * @param controlPlane the control plane's base URL, e.g. {@code http://localhost:8080}
   * @param homeDc the data centre the client's user is homed in
   */
  public HttpGatewayDirectory(URI controlPlane, String homeDc, Duration timeout) {
    this.uri =
        controlPlane.resolve(
            "/api/v1/gateways?format=text&home="
                + URLEncoder.encode(homeDc, StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public List<GatewayAddress> gateways() throws IOException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).header("Accept", "text/plain").timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the gateway directory " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("the gateway directory " + uri + " answered " + response.statusCode());
    }
    return parse(response.body());
  }

  /**
   * The {@code host:port} lines of {@code body}; blank lines are skipped.
   *
   * @throws IOException if a line is not {@code host:port}
   */
  static List<GatewayAddress> parse(String body) throws IOException {
    List<GatewayAddress> gateways = new ArrayList<>();
    for (String line : body.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      int colon = line.lastIndexOf(':');
      try {
        gateways.add(
            new GatewayAddress(
                line.substring(0, colon), Integer.parseInt(line.substring(colon + 1))));
      } catch (RuntimeException e) {
        throw new IOException("not a gateway address (host:port): '" + line + "'", e);
      }
    }
    return gateways;
  }
}
