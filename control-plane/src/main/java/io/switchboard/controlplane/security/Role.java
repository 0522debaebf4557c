package io.switchboard.controlplane.security;

/** Roles, each including the rights of the ones before it. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The Spring Security authority of this role. */
  public String authority() {
    return "ROLE_" + name();
  }
}
