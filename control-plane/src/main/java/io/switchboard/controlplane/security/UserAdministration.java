package io.switchboard.controlplane.security;

import io.switchboard.api.user.UserView;
import io.switchboard.controlplane.security.AccountRules.Change;
import io.switchboard.controlplane.security.UserAccountRepository.AccountWithTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes users on behalf of an admin ({@code actor}).
 *
 * <ol>
 *   <li>Names, roles and passwords are checked by {@link AccountRules} first (400).
 *   <li>A change that could remove an enabled ADMIN (disable, demote, delete) locks the enabled
 *       ADMINs' rows, then asks {@link AccountRules#lockoutProblem} (409), so that two admins
 *       acting at once cannot leave none.
 *   <li>Role and enablement are read by every token check, so changes apply from the next request
 *       (console sessions keep the role they signed in with until they sign in again).
 * </ol>
 */
@Service
class UserAdministration {

  private final UserAccountRepository accounts;
  private final PasswordEncoder encoder;
  private final Clock clock;

  UserAdministration(UserAccountRepository accounts, PasswordEncoder encoder, Clock clock) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.clock = clock;
  }

  List<UserView> list() {
    return accounts.listWithActiveTokens(clock.instant()).stream()
        .map(UserAdministration::view)
        .toList();
  }

  @Transactional
  UserView create(String username, String role, String password) {
    AccountRules.usernameProblem(username).ifPresent(this::invalid);
    Role newRole = AccountRules.role(role);
    AccountRules.passwordProblem(password).ifPresent(this::invalid);
    if (accounts.exists(username)) {
      throw duplicate(username);
    }
    try {
      accounts.insert(
          new UserAccount(username, encoder.encode(password), newRole, clock.instant()));
    } catch (DuplicateKeyException e) {
      throw duplicate(username);
    }
    return view(username);
  }

  @Transactional
  UserView changeRole(String actor, String username, String role) {
    Role newRole = AccountRules.role(role);
    UserAccount target = existing(username);
    if (target.role() == newRole) {
      return view(username);
    }
    if (target.role() == Role.ADMIN) {
      refuseLockout(actor, target, Change.DEMOTE);
    }
    accounts.updateRole(username, newRole);
    return view(username);
  }

  @Transactional
  UserView setEnabled(String actor, String username, boolean enabled) {
    UserAccount target = existing(username);
    if (target.enabled() == enabled) {
      return view(username);
    }
    if (!enabled) {
      refuseLockout(actor, target, Change.DISABLE);
    }
    accounts.updateEnabled(username, enabled);
    return view(username);
  }

  @Transactional
  void resetPassword(String username, String password) {
    existing(username);
    AccountRules.passwordProblem(password).ifPresent(this::invalid);
    accounts.updatePasswordHash(username, encoder.encode(password));
  }

  @Transactional
  void delete(String actor, String username) {
    UserAccount target = existing(username);
    refuseLockout(actor, target, Change.DELETE);
    accounts.delete(username);
  }

  /** Records a successful password login (form login or HTTP Basic). */
  void recordLogin(String username) {
    accounts.recordLogin(username, clock.instant());
  }

  private void refuseLockout(String actor, UserAccount target, Change change) {
    List<String> enabledAdmins = accounts.lockEnabledAdmins();
    AccountRules.lockoutProblem(actor, target, change, enabledAdmins)
        .ifPresent(
            reason -> {
              throw UserAdministrationException.conflict("Refused to lock admins out", reason);
            });
  }

  private UserAccount existing(String username) {
    return accounts
        .find(username)
        .orElseThrow(() -> UserAdministrationException.unknownUser(username));
  }

  private UserView view(String username) {
    Instant now = clock.instant();
    return accounts
        .findWithActiveTokens(username, now)
        .map(UserAdministration::view)
        .orElseThrow(() -> UserAdministrationException.unknownUser(username));
  }

  private void invalid(String reason) {
    throw UserAdministrationException.invalid(reason);
  }

  private static UserAdministrationException duplicate(String username) {
    return UserAdministrationException.conflict(
        "User exists",
        "A user '"
            + username
            + "' exists already. Choose another name, or change that user's role or password.");
  }

  private static UserView view(AccountWithTokens user) {
    UserAccount account = user.account();
    return new UserView(
        account.username(),
        account.role().name(),
        account.enabled(),
        account.createdAt(),
        account.lastLoginAt(),
        user.activeTokens());
  }
}
