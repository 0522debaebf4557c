package io.switchboard.api.operation;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Durable operations: every change to the cluster (a shard switchover, a node drain, a node
 * restart) is an operation with a plan, a state and persisted steps. Reads need VIEWER; planning,
 * starting and cancelling need OPERATOR; approving needs ADMIN.
 */
@HttpExchange("/api/v1/operations")
public interface OperationApi {

  /** The newest operations first, at most {@code limit}. */
  @GetExchange
  List<OperationView> list(@RequestParam(name = "limit", defaultValue = "50") int limit);

  /** One operation with its steps. */
  @GetExchange("/{id}")
  OperationView get(@PathVariable("id") String id);

  /**
   * Plans an operation. With {@code dryRun} nothing is stored or started: the answer is the plan
   * (its steps) and the operation it would conflict with, as an error. Otherwise the operation is
   * stored and, unless its type needs a second person's approval, started.
   */
  @PostExchange
  OperationView create(@RequestBody OperationRequest request);

  /** Approves an operation that needs it; the approver must not be its requester. */
  @PostExchange("/{id}/approve")
  OperationView approve(@PathVariable("id") String id);

  /**
   * Cancels an operation: at once when it has not started, at the next step boundary when it runs.
   */
  @PostExchange("/{id}/cancel")
  OperationView cancel(@PathVariable("id") String id);
}
