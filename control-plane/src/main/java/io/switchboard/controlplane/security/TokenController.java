package io.switchboard.controlplane.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenApi;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.controlplane.audit.Audited;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/tokens}: the caller proves who they are with HTTP Basic. */
@RestController
@Tag(name = "Tokens", description = "API tokens for the CLI and scripts")
class TokenController implements TokenApi {

  private final ApiTokenService tokens;
  private final SecurityContextHolderStrategy securityContexts;

  TokenController(ApiTokenService tokens, SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.tokens = tokens;
  }

  @Override
  @ResponseStatus(HttpStatus.CREATED)
  @Audited("token.issue")
  @Operation(
      summary = "Issue an API token for the user in the HTTP Basic credentials",
      description =
          "The secret is returned once; only its hash is stored. Send it as 'Authorization:"
              + " Bearer <token>'.")
  public IssuedToken issueToken(
      @Parameter(hidden = true) String authorization, TokenRequest request) {
    String username = securityContexts.getContext().getAuthentication().getName();
    return tokens.issue(username, request == null ? null : request.label());
  }
}
