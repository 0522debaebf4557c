package io.switchboard.api.audit;

import java.time.Instant;

/**
 * One audited request.
 *
 * @param id increasing with time
 * @param at when it ended
 * @param actor the user who made it ({@code anonymous} when nobody authenticated)
 * @param action what was asked, e.g. {@code operation.create}, {@code node.kill}, or for a request
 *     refused before reaching an action {@code POST /api/v1/...}
 * @param parameters its parameters (secrets left out)
 * @param outcome {@code SUCCEEDED}, {@code FAILED} or {@code DENIED}
 * @param detail why it failed or was denied, or what it produced (e.g. an operation id)
 */
public record AuditEventView(
    long id,
    Instant at,
    String actor,
    String action,
    String parameters,
    String outcome,
    String detail) {}
