package io.switchboard.cli.connection;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The control plane a command talks to and the token it presents.
 *
 * @param baseUrl absolute http(s) URL without a trailing slash, for example {@code
 *     http://localhost:8080}
 * @param token the bearer token, or {@code null} when none is known (the request is then sent
 *     without one and the control plane answers 401)
 */
public record Connection(URI baseUrl, String token) {

  public Connection {
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** The bearer token, when one is known. */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(token);
  }

  /** Leaves the token out, so it never ends up in a log or a message. */
  @Override
  public String toString() {
    return "Connection[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "***") + "]";
  }
}
