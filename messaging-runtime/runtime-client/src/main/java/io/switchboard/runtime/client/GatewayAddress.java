package io.switchboard.runtime.client;

/**
 * Where a gateway listens.
 *
 * @param host host name or address, non-blank
 * @param port TCP port, 1 to 65535
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

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
