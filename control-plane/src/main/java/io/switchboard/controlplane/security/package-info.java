/**
 * Security: users with one role each (VIEWER reads; OPERATOR also runs operations; ADMIN also
 * approves destructive operations and manages users and tokens), console form login, API bearer
 * tokens issued against HTTP Basic credentials, and problem-detail answers for 401 and 403.
 * Passwords are stored as bcrypt hashes, tokens as SHA-256 hashes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.switchboard.controlplane.security;
