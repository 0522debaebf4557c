package io.switchboard.controlplane.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Records audited requests and reads them back. The actor is the authenticated user of the current
 * thread ({@code anonymous} without one).
 */
@Service
public class AuditLog {

  /** Longest parameters or detail text stored; longer ones are cut with a marker. */
  static final int MAX_TEXT = 4000;

  private final AuditRepository repository;
  private final Clock clock;
  private final SecurityContextHolderStrategy securityContexts;

  AuditLog(
      AuditRepository repository, Clock clock, SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.repository = repository;
    this.clock = clock;
  }

  /** Request attribute set once a request's action was recorded, so it is recorded once. */
  static final String RECORDED = AuditLog.class.getName() + ".recorded";

  /**
   * Records a request the API refused before it reached an {@link Audited} action (its URL rules
   * denied the role), unless its action was recorded already.
   */
  public void recordDenied(HttpServletRequest request, String reason) {
    if (request.getAttribute(RECORDED) != null) {
      return;
    }
    String query = request.getQueryString();
    record(
        request.getMethod() + " " + request.getRequestURI(),
        query == null ? "" : query,
        AuditOutcome.DENIED,
        reason);
  }

  /** Records that the current user's {@code action} with {@code parameters} ended as said. */
  public void record(String action, String parameters, AuditOutcome outcome, String detail) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(RECORDED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }
    repository.insert(
        new AuditEvent(
            0,
            clock.instant(),
            currentActor(),
            action,
            cut(parameters),
            outcome,
            detail == null ? null : cut(detail)));
  }

  List<AuditEvent> newest(int limit, String actor, String action) {
    return repository.newest(Math.max(1, Math.min(limit, 1000)), actor, action);
  }

  void forEach(java.util.function.Consumer<AuditEvent> sink) {
    repository.forEach(sink);
  }

  private String currentActor() {
    Authentication authentication = securityContexts.getContext().getAuthentication();
    return authentication == null || authentication.getName() == null
        ? "anonymous"
        : authentication.getName();
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + " [cut]";
  }
}
