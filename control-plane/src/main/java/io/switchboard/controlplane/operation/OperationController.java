package io.switchboard.controlplane.operation;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.controlplane.audit.Audited;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints of {@link OperationApi}; also what the console calls in process. Authorisation is
 * enforced here (method security): reads VIEWER, planning and cancelling OPERATOR, approving ADMIN.
 */
@RestController
@Tag(name = "Operations", description = "Durable operations: plan, approve, run, cancel")
class OperationController implements OperationApi {

  private final OperationService operations;
  private final OperationViews views;
  private final SecurityContextHolderStrategy securityContexts;

  OperationController(
      OperationService operations,
      OperationViews views,
      SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
    this.operations = operations;
    this.views = views;
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @io.swagger.v3.oas.annotations.Operation(summary = "The newest operations first")
  public List<OperationView> list(int limit) {
    return operations.list(limit).stream().map(views::view).toList();
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @io.swagger.v3.oas.annotations.Operation(summary = "One operation with its steps")
  public OperationView get(String id) {
    return views.view(operations.get(id));
  }

  @Override
  @PreAuthorize("hasRole('OPERATOR')")
  @Audited("operation.create")
  @io.swagger.v3.oas.annotations.Operation(
      summary = "Plan an operation (dry run) or plan and start it",
      description =
          "Types: SHARD_SWITCHOVER (shard, optional target). With dryRun the plan is returned and"
              + " nothing is stored. A conflicting active operation is named in a 409 problem.")
  public OperationView create(OperationRequest request) {
    OperationType type = typeOf(request.type());
    String requester = currentUser();
    Operation operation =
        request.dryRun()
            ? operations.preview(type, request.parameters(), requester)
            : operations.create(type, request.parameters(), requester);
    OperationView view = views.view(operation);
    return request.dryRun() ? withoutId(view) : view;
  }

  @Override
  @PreAuthorize("hasRole('ADMIN')")
  @Audited("operation.approve")
  @io.swagger.v3.oas.annotations.Operation(
      summary = "Approve an operation that needs a second person; it starts at once")
  public OperationView approve(String id) {
    return views.view(operations.approve(id, currentUser()));
  }

  @Override
  @PreAuthorize("hasRole('OPERATOR')")
  @Audited("operation.cancel")
  @io.swagger.v3.oas.annotations.Operation(
      summary = "Cancel an operation: at once if it has not started, else at its next step")
  public OperationView cancel(String id) {
    return views.view(operations.cancel(id, currentUser()));
  }

  private static OperationView withoutId(OperationView view) {
    return new OperationView(
        null,
        view.type(),
        view.title(),
        view.requester(),
        view.parameters(),
        view.state(),
        view.approvalRequired(),
        view.approver(),
        view.cancelRequested(),
        view.failure(),
        view.resources(),
        view.steps(),
        view.createdAt(),
        view.updatedAt());
  }

  private static OperationType typeOf(String type) {
    if (type == null) {
      throw new InvalidOperationException("the request needs a 'type', e.g. SHARD_SWITCHOVER");
    }
    try {
      return OperationType.valueOf(type.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidOperationException(
          "unknown operation type '"
              + type
              + "'; known: "
              + String.join(
                  ", ", java.util.Arrays.stream(OperationType.values()).map(Enum::name).toList()));
    }
  }

  private String currentUser() {
    var authentication = securityContexts.getContext().getAuthentication();
    return authentication == null ? "anonymous" : authentication.getName();
  }
}
