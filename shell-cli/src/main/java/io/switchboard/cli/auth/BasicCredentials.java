package io.switchboard.cli.auth;

import io.switchboard.cli.exit.CliFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password for HTTP Basic authentication (RFC 7617, UTF-8).
 *
 * @param username not blank and without {@code :}
 * @param password any text
 */
record BasicCredentials(String username, String password) {

  BasicCredentials {
    if (username == null || username.isBlank()) {
      throw CliFailure.usage("A username is required: pass --username or type it when asked.");
    }
    if (username.contains(":")) {
      throw CliFailure.usage("A username cannot contain ':'.");
    }
    if (password == null) {
      throw CliFailure.usage("A password is required: pass --password or type it when asked.");
    }
  }

  /** The value of the {@code Authorization} header. */
  String authorizationHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Leaves the password out, so it never ends up in a log or a message. */
  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + "]";
  }
}
