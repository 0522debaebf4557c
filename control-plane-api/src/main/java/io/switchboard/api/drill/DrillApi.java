package io.switchboard.api.drill;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Reports of failover drills. A drill is started as an operation of type {@code DRILL} ({@code POST
 * /api/v1/operations}); when it ends, its report is stored here under the operation's id.
 */
@HttpExchange("/api/v1/drills")
public interface DrillApi {

  /** The newest drill reports first, at most {@code limit}. */
  @GetExchange
  List<DrillReportView> reports(@RequestParam(name = "limit", defaultValue = "50") int limit);

  /** The report of the drill run by operation {@code id}. */
  @GetExchange("/{id}")
  DrillReportView report(@PathVariable("id") String id);
}
