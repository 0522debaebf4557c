package io.switchboard.controlplane.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.user.NewUser;
import io.switchboard.api.user.PasswordReset;
import io.switchboard.api.user.RoleChange;
import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserApi;
import io.switchboard.api.user.UserView;
import io.switchboard.controlplane.audit.Audited;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints of {@link UserApi}; also what the console's users view calls in process. Every
 * method needs ADMIN (method security); every change is audited, without passwords (the parameter
 * named {@code password} is left out, and {@link NewUser} does not print its password).
 */
@RestController
@Tag(name = "Users", description = "Users and API tokens, for admins")
class UserController implements UserApi {

  private final UserAdministration users;
  private final ApiTokenService tokens;
  private final SecurityContextHolderStrategy securityContexts;

  UserController(
      UserAdministration users,
      ApiTokenService tokens,
      SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.users = users;
    this.tokens = tokens;
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Every user, by name, with role, state, last login and active tokens")
  public List<UserView> users() {
    return users.list();
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.create")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a user",
      description =
          "Name: 2-64 lower-case letters, digits, '.', '_', '-', starting with a letter. Password:"
              + " at least 12 characters. An existing name is a 409.")
  public UserView createUser(NewUser user) {
    if (user == null) {
      throw UserAdministrationException.invalid(
          "Send the user as JSON: {\"username\", \"role\", \"password\"}.");
    }
    return users.create(user.username(), user.role(), user.password());
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.role")
  @Operation(
      summary = "Change a user's role",
      description =
          "Applies to the user's tokens from the next request. Demoting yourself or the last"
              + " enabled ADMIN is a 409.")
  public UserView changeRole(String username, RoleChange change) {
    return users.changeRole(currentUser(), username, change == null ? null : change.role());
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.disable")
  @Operation(
      summary = "Disable a user: no login, its tokens are refused",
      description = "Disabling yourself or the last enabled ADMIN is a 409.")
  public UserView disableUser(String username) {
    return users.setEnabled(currentUser(), username, false);
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.enable")
  @Operation(summary = "Enable a disabled user again")
  public UserView enableUser(String username) {
    return users.setEnabled(currentUser(), username, true);
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Set a user's password",
      description = "At least 12 characters. The user's tokens stay valid; revoke them if needed.")
  public void resetPassword(String username, PasswordReset password) {
    users.resetPassword(username, password == null ? null : password.password());
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("user.delete")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a user and its tokens",
      description = "Deleting yourself or the last enabled ADMIN is a 409.")
  public void deleteUser(String username) {
    users.delete(currentUser(), username);
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Every API token, newest first, optionally of one user; never secrets")
  public List<TokenView> tokens(String username) {
    return tokens.list(username == null || username.isBlank() ? null : username.strip());
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("token.revoke")
  @Operation(summary = "Revoke a token: refused from the next request on")
  public TokenView revokeToken(String id) {
    return tokens.revoke(id);
  }

  private String currentUser() {
    var authentication = securityContexts.getContext().getAuthentication();
    return authentication == null ? "anonymous" : authentication.getName();
  }
}
