package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayAddressTest {

  @Test
  void parsesHostAndPort() {
    assertThat(GatewayAddress.parse("127.0.0.1:7100"))
        .isEqualTo(new GatewayAddress("127.0.0.1", 7100));
    assertThat(GatewayAddress.parse("localhost:7100"))
        .isEqualTo(new GatewayAddress("localhost", 7100));
  }

  @Test
  void takesIpv6AddressesInBracketsAndPrintsThemSo() {
    GatewayAddress address = GatewayAddress.parse("[::1]:7100");

    assertThat(address).isEqualTo(new GatewayAddress("::1", 7100));
    assertThat(address).hasToString("[::1]:7100");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        ":7100",
        "localhost:",
        "localhost:x",
        "localhost:0",
        "localhost:65536",
        "::1:7100"
      })
  void rejectsMalformedAddresses(String text) {
    assertThatThrownBy(() -> GatewayAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
