/**
 * Shards and durable operations from the command line: {@code shard list|show} read the shard map
 * ({@code /api/v1/shards}); {@code shard switchover} plans (dry run), confirms, creates and watches
 * a switchover; {@code node list|show} read the nodes with the shards they hold ({@code
 * /api/v1/topology} and the shard map); {@code node drain|restart} plan, confirm, create and watch
 * an operation on a node ({@link io.switchboard.cli.operation.OperationLauncher}); {@code dc
 * failover|switchback} do the same for a whole data centre, {@code dc report} reads a DC failover's
 * per-shard report and {@code dc gateways} the gateway directory ({@code /api/v1/dc-failovers},
 * {@code /api/v1/gateways}); {@code op list|show|watch|cancel|approve} read and act on any
 * operation ({@code /api/v1/operations}). Watching polls the operation and, on a terminal, redraws
 * one progress line in place; otherwise it prints only the final result.
 */
package io.switchboard.cli.operation;
