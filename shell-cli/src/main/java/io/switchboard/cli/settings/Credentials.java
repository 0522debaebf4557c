package io.switchboard.cli.settings;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code login} saves: a token and the control plane that issued it.
 *
 * @param url base URL of the control plane that issued the token; the token is sent only there
 * @param token the bearer secret
 * @param username the user the token acts for
 * @param expiresAt when the token stops working
 */
public record Credentials(String url, String token, String username, Instant expiresAt) {

  public Credentials {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Leaves the token out, so credentials never end up in a log or a message. */
  @Override
  public String toString() {
    return "Credentials[url=" + url + ", username=" + username + ", expiresAt=" + expiresAt + "]";
  }
}
