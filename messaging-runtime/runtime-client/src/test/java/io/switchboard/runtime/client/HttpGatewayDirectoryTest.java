package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpGatewayDirectoryTest {

  @Test
  void readsOneHostAndPortPerLineInOrder() throws IOException {
    assertThat(HttpGatewayDirectory.parse("127.0.0.1:7106\n\n  10.0.0.2:7100 \n"))
        .containsExactly(
            new GatewayAddress("127.0.0.1", 7106), new GatewayAddress("10.0.0.2", 7100));
    assertThat(HttpGatewayDirectory.parse("")).isEmpty();
  }

  @Test
  void aLineThatIsNoAddressIsAClearError() {
    assertThatThrownBy(() -> HttpGatewayDirectory.parse("127.0.0.1:7100\n<html>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'<html>'");
  }

  @Test
  void aClientWithoutAUsableDirectoryKeepsItsConfiguredGateways() {
    List<GatewayAddress> configured = List.of(new GatewayAddress("127.0.0.1", 7100));
    GatewayClientConfig config = GatewayClientConfig.of("test", configured);

    assertThat(config.currentGateways()).isEqualTo(configured);
    assertThat(config.withDirectory(List::of).currentGateways()).isEqualTo(configured);
    assertThat(
            config
                .withDirectory(
                    () -> {
                      throw new IOException("control plane down");
                    })
                .currentGateways())
        .isEqualTo(configured);
    List<GatewayAddress> listed = List.of(new GatewayAddress("127.0.0.1", 7106));
    assertThat(config.withDirectory(() -> listed).currentGateways()).isEqualTo(listed);
  }
}
