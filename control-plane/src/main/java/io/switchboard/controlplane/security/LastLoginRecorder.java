package io.switchboard.controlplane.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Records when a user last logged in with its password: console form login and HTTP Basic token
 * issuing both authenticate through the authentication manager, which publishes the event. Bearer
 * tokens do not (their use is recorded per token instead).
 */
@Component
class LastLoginRecorder {

  private final UserAdministration users;

  LastLoginRecorder(UserAdministration users) {
    this.users = users;
  }

  @EventListener
  void onSuccess(AuthenticationSuccessEvent event) {
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
      users.recordLogin(authentication.getName());
    }
  }
}
