package io.switchboard.controlplane.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code audit_event}; rows are only ever inserted. */
@Repository
class AuditRepository {

  private final JdbcClient jdbc;

  AuditRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(AuditEvent event) {
    jdbc.sql(
            "INSERT INTO audit_event (at, actor, action, parameters, outcome, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            event.at().atOffset(ZoneOffset.UTC),
            event.actor(),
            event.action(),
            event.parameters(),
            event.outcome().name(),
            event.detail())
        .update();
  }

  /** The newest events first, filtered by actor and action when they are not null. */
  List<AuditEvent> newest(int limit, String actor, String action) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, actor, action, parameters, outcome, detail FROM audit_event WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (actor != null) {
      sql.append(" AND actor = ?");
      params.add(actor);
    }
    if (action != null) {
      sql.append(" AND action = ?");
      params.add(action);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(AuditRepository::event).list();
  }

  /** Every event, oldest first, one at a time. */
  void forEach(Consumer<AuditEvent> sink) {
    jdbc.sql(
            "SELECT id, at, actor, action, parameters, outcome, detail FROM audit_event"
                + " ORDER BY id")
        .query((RowCallbackHandler) rs -> sink.accept(event(rs, rs.getRow())));
  }

  private static AuditEvent event(ResultSet rs, int row) throws SQLException {
    return new AuditEvent(
        rs.getLong("id"),
        rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("parameters"),
        AuditOutcome.valueOf(rs.getString("outcome")),
        rs.getString("detail"));
  }
}
