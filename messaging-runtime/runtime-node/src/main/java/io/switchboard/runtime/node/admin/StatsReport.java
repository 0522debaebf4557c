package io.switchboard.runtime.node.admin;

/**
 * The JSON body of {@code GET /stats}: gateway traffic since the node started. All zero on a node
 * without the gateway role.
 *
 * @param nodeId the node id
 * @param dc the node's data centre
 * @param uptimeSeconds whole seconds since the node started
 * @param connectionsOpen client connections open now
 * @param connectionsAccepted client connections accepted so far
 * @param framesReceived client frames decoded so far
 * @param framesSent frames sent to clients so far
 * @param protocolErrors error frames sent to clients so far, all codes together
 * @param slowConsumerDisconnects connections closed so far because the client did not read its
 *     answers
 */
public record StatsReport(
    String nodeId,
    String dc,
    long uptimeSeconds,
    long connectionsOpen,
    long connectionsAccepted,
    long framesReceived,
    long framesSent,
    long protocolErrors,
    long slowConsumerDisconnects) {}
