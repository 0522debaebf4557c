package io.switchboard.controlplane.audit;

import java.time.Instant;

/**
 * One audited request, as stored.
 *
 * @param id assigned by the database, increasing; 0 before it is stored
 */
record AuditEvent(
    long id,
    Instant at,
    String actor,
    String action,
    String parameters,
    AuditOutcome outcome,
    String detail) {}
