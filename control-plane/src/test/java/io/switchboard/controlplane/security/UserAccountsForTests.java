package io.switchboard.controlplane.security;

import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creates users of a role in a running control plane and issues them tokens, for tests. */
public final class UserAccountsForTests {

  private final UserAccountRepository accounts;
  private final ApiTokenService tokens;
  private final PasswordEncoder encoder;
  private final Clock clock;

  public UserAccountsForTests(ApplicationContext context) {
    this.accounts = context.getBean(UserAccountRepository.class);
    this.tokens = context.getBean(ApiTokenService.class);
    this.encoder = context.getBean(PasswordEncoder.class);
    this.clock = context.getBean(Clock.class);
  }

  /** A new token of {@code username}, created with {@code role} if it does not exist. */
  public String tokenFor(String username, Role role) {
    if (!accounts.exists(username)) {
      accounts.insert(
          new UserAccount(username, encoder.encode(username + "-password"), role, clock.instant()));
    }
    return tokens.issue(username, "test").token();
  }
}
