package io.switchboard.api.user;

/**
 * A user's new role.
 *
 * @param role {@code VIEWER}, {@code OPERATOR} or {@code ADMIN}
 */
public record RoleChange(String role) {}
