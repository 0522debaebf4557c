package io.switchboard.controlplane.security;

import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code admin} user at first start. Its password is {@code SWITCHBOARD_ADMIN_PASSWORD}
 * when that is set; otherwise a random one is generated and printed exactly once, at that first
 * start. Nothing is created once any user exists: an existing admin is never changed, and an {@code
 * admin} that admins deleted on purpose does not come back at the next start.
 */
@Component
class InitialAdminAccount implements InitializingBean {

  static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(InitialAdminAccount.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final UserAccountRepository accounts;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final String configuredPassword;

  InitialAdminAccount(
      UserAccountRepository accounts,
      PasswordEncoder encoder,
      Clock clock,
      @Value("${SWITCHBOARD_ADMIN_PASSWORD:}") String configuredPassword) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.clock = clock;
    this.configuredPassword = configuredPassword;
  }

  @Override
  public void afterPropertiesSet() {
    if (!accounts.isEmpty()) {
      return;
    }
    boolean generated = configuredPassword.isBlank();
    String password = generated ? randomPassword() : configuredPassword;
    accounts.insert(
        new UserAccount(USERNAME, encoder.encode(password), Role.ADMIN, clock.instant()));
    if (generated) {
      // Printed to the console once; only its hash is stored.
      System.out.println(
          "\n  Switchboard: created user 'admin' with the generated password: "
              + password
              + "\n  It is shown only this once. Set SWITCHBOARD_ADMIN_PASSWORD before the first"
              + " start to choose it.\n");
    } else {
      log.info("Created user 'admin' with the password from SWITCHBOARD_ADMIN_PASSWORD");
    }
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
