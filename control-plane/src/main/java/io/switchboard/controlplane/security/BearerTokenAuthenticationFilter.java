package io.switchboard.controlplane.security;

import io.switchboard.controlplane.security.ApiTokenService.Verification;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests. A request without a bearer header
 * passes through unauthenticated (the entry point answers 401 if it needed a user); a request with
 * an invalid token is refused at once with a 401 problem that says why (unknown, malformed,
 * expired).
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiTokenService tokens;
  private final ProblemResponses problems;
  private final SecurityContextHolderStrategy securityContexts;

  BearerTokenAuthenticationFilter(
      ApiTokenService tokens,
      ProblemResponses problems,
      SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.tokens = tokens;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    Verification verification = tokens.verify(header.substring(BEARER.length()).strip());
    if (verification instanceof Verification.Invalid invalid) {
      problems.write(response, 401, "Invalid token", invalid.reason());
      return;
    }
    Verification.Valid valid = (Verification.Valid) verification;
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            valid.username(), null, List.of(new SimpleGrantedAuthority(valid.role().authority())));
    var context = securityContexts.createEmptyContext();
    context.setAuthentication(authentication);
    securityContexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      securityContexts.clearContext();
    }
  }
}
