package io.switchboard.runtime.protocol;

/**
 * What a gateway announces to every client in {@link HandshakeAccepted}: who it is and the limits
 * it enforces on the connection.
 *
 * @param nodeId the gateway node, non-blank
 * @param dc the node's data centre, non-blank
 * @param maxFrameBytes largest frame body the gateway accepts, at least 1
 * @param idleTimeoutSeconds the gateway closes connections silent for this long, at least 1
 */
public record GatewayParameters(
    String nodeId, String dc, int maxFrameBytes, int idleTimeoutSeconds) {

  public GatewayParameters {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank");
    }
    if (dc == null || dc.isBlank()) {
      throw new IllegalArgumentException("dc must not be blank");
    }
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "idleTimeoutSeconds must be positive: " + idleTimeoutSeconds);
    }
  }
}
