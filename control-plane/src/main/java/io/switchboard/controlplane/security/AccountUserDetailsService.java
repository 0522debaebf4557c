package io.switchboard.controlplane.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users for form login (console) and HTTP Basic (token issuing); disabled users fail. */
@Service
class AccountUserDetailsService implements UserDetailsService {

  private final UserAccountRepository accounts;

  AccountUserDetailsService(UserAccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts
        .find(username)
        .map(AccountUserDetailsService::toUserDetails)
        .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
  }

  static UserDetails toUserDetails(UserAccount account) {
    return User.withUsername(account.username())
        .password(account.passwordHash())
        .authorities(account.role().authority())
        .disabled(!account.enabled())
        .build();
  }
}
