package io.switchboard.controlplane.dcfailover;

import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway endpoint directory for messaging clients: {@code GET /api/v1/gateways?format=text}
 * answers the serving gateways, one {@code host:port} per line, in the order of {@link
 * GatewayDirectory#view} (what the client library's {@code HttpGatewayDirectory} reads). Open like
 * the JSON directory of {@link DcFailoverController}.
 */
@RestController
class GatewayDirectoryText {

  private final GatewayDirectory directory;

  GatewayDirectoryText(GatewayDirectory directory) {
    this.directory = directory;
  }

  @GetMapping(
      path = "/api/v1/gateways",
      params = "format=text",
      produces = MediaType.TEXT_PLAIN_VALUE)
  String gatewayLines(@RequestParam(name = "home", required = false) String home) {
    return directory.view(home).servingGateways().stream()
        .map(gateway -> gateway + "\n")
        .collect(Collectors.joining());
  }
}
