package io.switchboard.controlplane.operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tables {@code operation}, {@code operation_step}, {@code operation_parameter} and {@code
 * operation_resource} (V3).
 *
 * <p>Contracts: every write is one transaction. Parameters and resources are written once, by
 * {@link #insert}; {@link #update} writes the operation's row and its steps, and is optimistic: it
 * applies only if the stored row is still at the version the operation was read (or last stored)
 * at, so two writers never silently overwrite each other's transitions. An operation read from
 * here, or stored by it, may be updated; one stored by a concurrent writer must be read again.
 *
 * <p>Not {@code final}: Spring proxies {@code @Repository} classes (persistence exception
 * translation) by subclassing them.
 */
@Repository
class OperationRepository {

  private static final String COLUMNS =
      "id, type, requester, approval_required, state, approver, failure, cancel_requested,"
          + " cancelled_by, created_at, updated_at, version";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  OperationRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** Stores a new operation with its steps, parameters and resources. */
  void insert(Operation operation) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "INSERT INTO operation ("
                      + COLUMNS
                      + ") VALUES (:id, :type, :requester, :approvalRequired, :state, :approver,"
                      + " :failure, :cancelRequested, :cancelledBy, :createdAt, :updatedAt,"
                      + " :version)")
              .param("id", operation.id())
              .param("type", operation.type().name())
              .param("requester", operation.requester())
              .param("approvalRequired", operation.approvalRequired())
              .param("state", operation.state().name())
              .param("approver", operation.approver())
              .param("failure", operation.failure())
              .param("cancelRequested", operation.cancelRequested())
              .param("cancelledBy", operation.cancelledBy())
              .param("createdAt", utc(operation.createdAt()))
              .param("updatedAt", utc(operation.updatedAt()))
              .param("version", operation.version())
              .update();
          List<OperationStep> steps = operation.steps();
          for (int i = 0; i < steps.size(); i++) {
            OperationStep step = steps.get(i);
            jdbc.sql(
                    "INSERT INTO operation_step (operation_id, position, name, description, state,"
                        + " detail, started_at, finished_at, marks) VALUES (:id, :position, :name,"
                        + " :description, :state, :detail, :startedAt, :finishedAt, :marks)")
                .param("id", operation.id())
                .param("position", i)
                .param("name", step.name())
                .param("description", step.description())
                .param("state", step.state().name())
                .param("detail", step.detail())
                .param("startedAt", utc(step.startedAt()))
                .param("finishedAt", utc(step.finishedAt()))
                .param("marks", StepMarks.format(step.marks()))
                .update();
          }
          int position = 0;
          for (Map.Entry<String, String> parameter : operation.parameters().entrySet()) {
            jdbc.sql(
                    "INSERT INTO operation_parameter (operation_id, position, name, content)"
                        + " VALUES (?, ?, ?, ?)")
                .params(operation.id(), position++, parameter.getKey(), parameter.getValue())
                .update();
          }
          for (String resource : operation.resources()) {
            jdbc.sql("INSERT INTO operation_resource (operation_id, resource) VALUES (?, ?)")
                .params(operation.id(), resource)
                .update();
          }
        });
    operation.stored();
  }

  /**
   * Stores the operation's transitions since it was read or last stored: its row and its steps.
   *
   * @throws ConcurrentOperationUpdateException when the stored operation changed meanwhile (or was
   *     never inserted); nothing is written
   */
  void update(Operation operation) {
    transactions.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql(
                      "UPDATE operation SET state = :state, approver = :approver,"
                          + " failure = :failure, cancel_requested = :cancelRequested,"
                          + " cancelled_by = :cancelledBy, updated_at = :updatedAt,"
                          + " version = :version WHERE id = :id AND version = :storedVersion")
                  .param("state", operation.state().name())
                  .param("approver", operation.approver())
                  .param("failure", operation.failure())
                  .param("cancelRequested", operation.cancelRequested())
                  .param("cancelledBy", operation.cancelledBy())
                  .param("updatedAt", utc(operation.updatedAt()))
                  .param("version", operation.version())
                  .param("id", operation.id())
                  .param("storedVersion", operation.storedVersion())
                  .update();
          if (updated == 0) {
            throw new ConcurrentOperationUpdateException(
                "operation "
                    + operation.id()
                    + " was changed by someone else after it was read at version "
                    + operation.storedVersion()
                    + " (or was never stored): read it again and retry");
          }
          List<OperationStep> steps = operation.steps();
          for (int i = 0; i < steps.size(); i++) {
            OperationStep step = steps.get(i);
            jdbc.sql(
                    "UPDATE operation_step SET state = :state, detail = :detail,"
                        + " started_at = :startedAt, finished_at = :finishedAt, marks = :marks"
                        + " WHERE operation_id = :id AND position = :position")
                .param("state", step.state().name())
                .param("detail", step.detail())
                .param("startedAt", utc(step.startedAt()))
                .param("finishedAt", utc(step.finishedAt()))
                .param("marks", StepMarks.format(step.marks()))
                .param("id", operation.id())
                .param("position", i)
                .update();
          }
        });
    operation.stored();
  }

  /** The operation {@code id}, if there is one. */
  Optional<Operation> find(String id) {
    return assemble(
            jdbc.sql("SELECT " + COLUMNS + " FROM operation WHERE id = ?")
                .param(id)
                .query(OperationRepository::row)
                .list())
        .stream()
        .findFirst();
  }

  /** At most {@code limit} operations, the newest (by creation) first. */
  List<Operation> list(int limit) {
    return assemble(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM operation ORDER BY created_at DESC, id DESC LIMIT :limit")
            .param("limit", limit)
            .query(OperationRepository::row)
            .list());
  }

  /** Every operation not finished (PLANNED, APPROVED, RUNNING), the oldest first. */
  List<Operation> active() {
    List<String> states =
        Arrays.stream(OperationState.values())
            .filter(state -> !state.terminal())
            .map(Enum::name)
            .toList();
    return assemble(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM operation WHERE state IN (:states) ORDER BY created_at, id")
            .param("states", states)
            .query(OperationRepository::row)
            .list());
  }

  /** An operation's own row, before its steps, parameters and resources are added. */
  private record Row(
      String id,
      OperationType type,
      String requester,
      boolean approvalRequired,
      OperationState state,
      String approver,
      String failure,
      boolean cancelRequested,
      String cancelledBy,
      Instant createdAt,
      Instant updatedAt,
      long version) {}

  private static Row row(ResultSet rs, int rowNum) throws SQLException {
    return new Row(
        rs.getString("id"),
        OperationType.valueOf(rs.getString("type")),
        rs.getString("requester"),
        rs.getBoolean("approval_required"),
        OperationState.valueOf(rs.getString("state")),
        rs.getString("approver"),
        rs.getString("failure"),
        rs.getBoolean("cancel_requested"),
        rs.getString("cancelled_by"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getLong("version"));
  }

  /** Adds the children of {@code rows} (three queries whatever their number), in their order. */
  private List<Operation> assemble(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(Row::id).toList();
    Map<String, List<OperationStep>> steps = new HashMap<>();
    jdbc.sql(
            "SELECT operation_id, name, description, state, detail, started_at, finished_at,"
                + " marks FROM operation_step WHERE operation_id IN (:ids)"
                + " ORDER BY operation_id, position")
        .param("ids", ids)
        .query(
            rs -> {
              steps
                  .computeIfAbsent(rs.getString("operation_id"), id -> new ArrayList<>())
                  .add(
                      new OperationStep(
                          rs.getString("name"),
                          rs.getString("description"),
                          StepState.valueOf(rs.getString("state")),
                          rs.getString("detail"),
                          instant(rs, "started_at"),
                          instant(rs, "finished_at"),
                          StepMarks.parse(rs.getString("marks"))));
            });
    Map<String, Map<String, String>> parameters = new HashMap<>();
    jdbc.sql(
            "SELECT operation_id, name, content FROM operation_parameter"
                + " WHERE operation_id IN (:ids) ORDER BY operation_id, position")
        .param("ids", ids)
        .query(
            rs -> {
              parameters
                  .computeIfAbsent(rs.getString("operation_id"), id -> new LinkedHashMap<>())
                  .put(rs.getString("name"), rs.getString("content"));
            });
    Map<String, Set<String>> resources = new HashMap<>();
    jdbc.sql("SELECT operation_id, resource FROM operation_resource WHERE operation_id IN (:ids)")
        .param("ids", ids)
        .query(
            rs -> {
              resources
                  .computeIfAbsent(rs.getString("operation_id"), id -> new LinkedHashSet<>())
                  .add(rs.getString("resource"));
            });
    List<Operation> operations = new ArrayList<>(rows.size());
    for (Row row : rows) {
      operations.add(
          Operation.restore(
              row.id(),
              row.type(),
              row.requester(),
              parameters.getOrDefault(row.id(), Map.of()),
              steps.getOrDefault(row.id(), List.of()),
              resources.getOrDefault(row.id(), Set.of()),
              row.approvalRequired(),
              row.state(),
              row.approver(),
              row.failure(),
              row.cancelRequested(),
              row.cancelledBy(),
              row.createdAt(),
              row.updatedAt(),
              row.version()));
    }
    return operations;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
