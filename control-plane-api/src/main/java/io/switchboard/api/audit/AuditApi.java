package io.switchboard.api.audit;

import java.util.List;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The audit log: every mutating request (who, when, what, with which parameters, and how it ended),
 * newest first. Readable by every role.
 */
@HttpExchange("/api/v1/audit")
public interface AuditApi {

  /**
   * The newest events first, at most {@code limit}; {@code actor} and {@code action} filter when
   * given (exact match).
   */
  @GetExchange
  List<AuditEventView> events(
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "action", required = false) String action);

  /** Every event, oldest first, as CSV (RFC 4180) with a header line. */
  @GetExchange(value = "/export", accept = "text/csv")
  String export();
}
