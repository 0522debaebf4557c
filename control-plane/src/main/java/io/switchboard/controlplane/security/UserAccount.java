package io.switchboard.controlplane.security;

import java.time.Instant;

/** A stored user: the password is only ever held as a DelegatingPasswordEncoder hash. */
record UserAccount(String username, String passwordHash, Role role, Instant createdAt) {}
