package io.switchboard.console.operations;

import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * What the signed-in user may do, for showing or hiding actions. Every user has exactly one role
 * and roles include the ones below them (ADMIN &gt; OPERATOR &gt; VIEWER); the control plane's
 * method security stays the authority, this only spares people buttons that would be refused.
 */
public record ConsoleRoles(boolean operator, boolean admin) {

  public static ConsoleRoles of(AuthenticationContext authentication) {
    boolean admin = authentication.hasRole("ADMIN");
    return new ConsoleRoles(admin || authentication.hasRole("OPERATOR"), admin);
  }
}
