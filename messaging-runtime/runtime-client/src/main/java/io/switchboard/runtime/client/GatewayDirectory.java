package io.switchboard.runtime.client;

import java.io.IOException;
import java.util.List;

/**
 * Where a client finds gateways when it (re)connects: the gateway endpoint directory. A client asks
 * it at the start of every reconnect round, so a data centre removed by a DC failover is left out
 * from the next round on and the client reconnects to the DC that now serves its data.
 */
@FunctionalInterface
public interface GatewayDirectory {

  /**
   * The gateways to try, in order of preference.
   *
   * @throws IOException if the directory cannot be read now; the client then uses the gateways it
   *     was configured with
   */
  List<GatewayAddress> gateways() throws IOException;
}
