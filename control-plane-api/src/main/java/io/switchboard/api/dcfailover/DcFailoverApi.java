package io.switchboard.api.dcfailover;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Data centre failover: the gateway endpoint directory clients connect by, and the per-shard
 * reports of DC failovers. A DC failover and its switchback are started as operations of type
 * {@code DC_FAILOVER} (parameters {@code dc}, optional {@code trigger}) and {@code DC_SWITCHBACK}
 * (parameter {@code dc}) through {@code POST /api/v1/operations}.
 */
@HttpExchange("/api/v1")
public interface DcFailoverApi {

  /**
   * The gateway endpoint directory: every data centre's gateways and whether clients may use them.
   * With {@code home}, the serving DCs come in the order a client homed there should try them: its
   * home first, then the DCs that lead most of its home's shards now. Readable without a token: it
   * is what messaging clients start from.
   */
  @GetExchange("/gateways")
  GatewayDirectoryView gateways(@RequestParam(name = "home", required = false) String home);

  /** The per-shard report of the DC failover run by operation {@code id}. */
  @GetExchange("/dc-failovers/{id}")
  DcFailoverReportView report(@PathVariable("id") String id);
}
