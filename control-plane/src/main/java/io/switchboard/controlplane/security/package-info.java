/**
 * Security: users with one role each (VIEWER reads; OPERATOR also runs operations; ADMIN also
 * approves destructive operations and manages users and tokens), console form login, API bearer
 * tokens issued against HTTP Basic credentials, and problem-detail answers for 401 and 403.
 * Passwords are stored as bcrypt hashes, tokens as SHA-256 hashes. Admins create, change, disable
 * and delete users and revoke tokens through {@code /api/v1/users} and {@code /api/v1/tokens}
 * ({@link io.switchboard.controlplane.security.UserController}); a disabled user's tokens and a
 * revoked token are refused from the next request on.
 *
 * <p>Code reads and sets the security context through the {@code SecurityContextHolderStrategy}
 * bean, never the static {@code SecurityContextHolder}: each application context has its own
 * strategy (Vaadin's), and the static one belongs to whichever context started last in the JVM.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.switchboard.controlplane.security;
