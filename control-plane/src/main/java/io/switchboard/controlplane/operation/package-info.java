/**
 * Operations: durable long-running changes to the cluster (a shard switchover, a node drain, a node
 * restart), planned, optionally approved by a second person, executed step by step with every
 * transition persisted, cancellable, resumed after a restart, one conflicting operation at a time.
 *
 * <p>The model: an {@link io.switchboard.controlplane.operation.Operation} is a plan (its {@link
 * io.switchboard.controlplane.operation.OperationType type}, parameters, ordered {@link
 * io.switchboard.controlplane.operation.OperationStep steps} and the resources it holds: {@code
 * shard:N}, {@code node:ID}, {@code dc:ID}) plus its progress. Its state moves only by these
 * guarded transitions (anything else throws {@link
 * io.switchboard.controlplane.operation.IllegalOperationTransitionException}):
 *
 * <ol>
 *   <li>(new) -> PLANNED: {@code plan}, every step PENDING.
 *   <li>PLANNED -> APPROVED: {@code approve}, only when approval is required, by someone other than
 *       the requester.
 *   <li>PLANNED (no approval required) or APPROVED -> RUNNING: {@code start}.
 *   <li>RUNNING -> RUNNING: {@code stepStarted} (the next step PENDING or, on resume, RUNNING ->
 *       RUNNING), {@code stepSucceeded} of a step that is not the last (step -> SUCCEEDED), and
 *       {@code requestCancel} (sets {@code cancelRequested}).
 *   <li>RUNNING -> SUCCEEDED: {@code stepSucceeded} of the last step.
 *   <li>RUNNING -> FAILED: {@code stepFailed} (the running step -> FAILED, the rest SKIPPED).
 *   <li>RUNNING -> ROLLED_BACK: {@code rolledBack}, a step failed and undid its change (the running
 *       step -> FAILED, the rest SKIPPED).
 *   <li>PLANNED or APPROVED -> CANCELLED: {@code requestCancel}, at once (every step SKIPPED).
 *   <li>RUNNING (cancel requested, no step running) -> CANCELLED: {@code cancelIfRequested} at a
 *       step boundary (the remaining steps SKIPPED).
 * </ol>
 *
 * <p>SUCCEEDED, FAILED, CANCELLED and ROLLED_BACK are terminal. Every transition bumps the
 * operation's version, which {@link io.switchboard.controlplane.operation.OperationRepository} uses
 * as an optimistic lock. {@link io.switchboard.controlplane.operation.OperationConflicts} refuses a
 * new operation that lists a resource an active one lists.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package io.switchboard.controlplane.operation;
