package io.switchboard.benchmarks.load;

/**
 * Where a gateway listens.
 *
 * @param host a host name or IP address, without brackets; non-blank
 * @param port 1 to 65535
 */
public record GatewayAddress(String host, int port) {

  public GatewayAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
  }

  /**
   * Parses {@code host:port}; an IPv6 address goes in brackets, as in {@code [::1]:7100}.
   *
   * @throws IllegalArgumentException when the text has no port, a blank host or an invalid port
   */
  public static GatewayAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected host:port, got: " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("put an IPv6 address in brackets, as in [::1]:7100");
    }
    String port = text.substring(colon + 1);
    try {
      return new GatewayAddress(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number: " + port);
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
