package io.switchboard.api.auth;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** API tokens: how the CLI and scripts log in. */
@HttpExchange("/api/v1")
public interface TokenApi {

  /**
   * Issues a new token for the user whose credentials are in {@code authorization} (HTTP Basic).
   */
  @PostExchange("/tokens")
  IssuedToken issueToken(
      @RequestHeader("Authorization") String authorization, @RequestBody TokenRequest request);
}
