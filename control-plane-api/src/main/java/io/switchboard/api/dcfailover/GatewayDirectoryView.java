package io.switchboard.api.dcfailover;

import java.time.Instant;
import java.util.List;

/**
 * The gateway endpoint directory.
 *
 * @param dataCenters every data centre, serving ones first (in the requested order), then those
 *     removed by a DC failover
 */
public record GatewayDirectoryView(List<DataCenterEndpoints> dataCenters) {

  public GatewayDirectoryView {
    dataCenters = List.copyOf(dataCenters);
  }

  /** The gateways of the serving data centres, in order: what a client should connect to. */
  public List<String> servingGateways() {
    return dataCenters.stream()
        .filter(DataCenterEndpoints::serving)
        .flatMap(dc -> dc.gateways().stream())
        .toList();
  }

  /**
   * One data centre's entry.
   *
   * @param dc the data centre id
   * @param serving whether clients may use its gateways; false from a DC failover until its
   *     switchback
   * @param gateways its gateways' {@code host:port}, ordered by node id
   * @param removedAt when a DC failover removed it; null while serving
   * @param removedBy the id of the DC failover operation that removed it; null while serving
   * @param reason why it was removed; null while serving
   */
  public record DataCenterEndpoints(
      String dc,
      boolean serving,
      List<String> gateways,
      Instant removedAt,
      String removedBy,
      String reason) {

    public DataCenterEndpoints {
      gateways = List.copyOf(gateways);
    }
  }
}
