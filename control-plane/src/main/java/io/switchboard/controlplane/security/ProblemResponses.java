package io.switchboard.controlplane.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.controlplane.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** Writes RFC 7807 problem details for authentication and authorisation failures of the API. */
@Component
class ProblemResponses {

  private final ObjectMapper json;
  private final AuditLog audit;
  private final SecurityContextHolderStrategy securityContexts;

  ProblemResponses(
      ObjectMapper json, AuditLog audit, SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.json = json;
    this.audit = audit;
  }

  void write(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
    problem.setTitle(title);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
    }
    json.writeValue(response.getOutputStream(), problem);
  }

  /** 401 for requests that need a user and brought none (or bad Basic credentials). */
  AuthenticationEntryPoint authenticationEntryPoint() {
    return (request, response, e) ->
        write(
            response,
            401,
            "Authentication required",
            "Send 'Authorization: Bearer <token>'. Get a token with POST /api/v1/tokens and your"
                + " user's HTTP Basic credentials (the CLI does this in 'switchboard login').");
  }

  /** 403 for authenticated users whose role is too low. */
  AccessDeniedHandler accessDeniedHandler() {
    return (request, response, e) -> {
      var auth = securityContexts.getContext().getAuthentication();
      String who = auth == null ? "You" : "User '" + auth.getName() + "'";
      audit.recordDenied(request, "the role is too low");
      write(
          response,
          403,
          "Forbidden",
          who
              + " may not "
              + request.getMethod()
              + " "
              + request.getRequestURI()
              + ": the role is too low. Ask an admin for a higher role.");
    };
  }
}
