package io.switchboard.controlplane.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.audit.AuditEventView;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints of {@link AuditApi}; also what the console's audit view calls. */
@RestController
@Tag(name = "Audit", description = "Who did what, when, with which parameters, and how it ended")
class AuditController implements AuditApi {

  private final AuditLog log;

  AuditController(AuditLog log) {
    this.log = log;
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "The newest audit events first, optionally of one actor or action")
  public List<AuditEventView> events(int limit, String actor, String action) {
    return log.newest(limit, blankToNull(actor), blankToNull(action)).stream()
        .map(AuditController::view)
        .toList();
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "Every audit event, oldest first, as CSV")
  public String export() {
    StringBuilder csv = new StringBuilder(AuditCsv.HEADER);
    log.forEach(event -> csv.append(AuditCsv.line(event)));
    return csv.toString();
  }

  static AuditEventView view(AuditEvent event) {
    return new AuditEventView(
        event.id(),
        event.at(),
        event.actor(),
        event.action(),
        event.parameters(),
        event.outcome().name(),
        event.detail());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
