package io.switchboard.api.user;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * Users and API tokens, administered by ADMINs only (VIEWER and OPERATOR get 403).
 *
 * <p>Refusals are problem details: 400 for an invalid name, role or password, 404 for an unknown
 * user or token, 409 for an existing name and for a change that would lock admins out (an admin
 * cannot disable, demote or delete themselves, nor the last enabled ADMIN).
 */
@HttpExchange("/api/v1")
public interface UserApi {

  /** Every user, by name. */
  @GetExchange("/users")
  List<UserView> users();

  /** Creates a user who can log in at once with the given password. */
  @PostExchange("/users")
  UserView createUser(@RequestBody NewUser user);

  /** Gives a user another role; it applies to the user's tokens at once. */
  @PutExchange("/users/{username}/role")
  UserView changeRole(@PathVariable("username") String username, @RequestBody RoleChange change);

  /** Disables a user: password login fails and the user's tokens are refused until enabled. */
  @PostExchange("/users/{username}/disable")
  UserView disableUser(@PathVariable("username") String username);

  /** Enables a disabled user again, with the tokens that have not expired or been revoked. */
  @PostExchange("/users/{username}/enable")
  UserView enableUser(@PathVariable("username") String username);

  /** Sets a new password; the user's tokens stay valid (revoke them separately if needed). */
  @PutExchange("/users/{username}/password")
  void resetPassword(
      @PathVariable("username") String username, @RequestBody PasswordReset password);

  /** Deletes a user and its tokens; the audit log keeps what it did. */
  @DeleteExchange("/users/{username}")
  void deleteUser(@PathVariable("username") String username);

  /** Every API token, newest first, of one user if {@code username} is given. Never the secret. */
  @GetExchange("/tokens")
  List<TokenView> tokens(@RequestParam(name = "username", required = false) String username);

  /** Revokes a token: it is refused from the next request on. Revoking it again changes nothing. */
  @PostExchange("/tokens/{id}/revoke")
  TokenView revokeToken(@PathVariable("id") String id);
}
