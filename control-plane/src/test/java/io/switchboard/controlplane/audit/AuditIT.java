package io.switchboard.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.security.Role;
import io.switchboard.controlplane.security.UserAccountsForTests;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Every mutating request ends up in the audit log with who, what, the parameters (secrets left out)
 * and the outcome, whether it succeeded, failed, or was denied by method security or by the API's
 * URL rules; the log is readable and exportable as CSV by every role.
 */
class AuditIT extends ControlPlaneIT {

  @Autowired private ApplicationContext context;

  @Test
  void succeededFailedAndDeniedRequestsAreRecordedAndExported() {
    UserAccountsForTests users = new UserAccountsForTests(context);
    String admin = adminToken().token();
    OperationApi operations = client(OperationApi.class, admin);
    String marker = UUID.randomUUID().toString();

    operations.create(
        new OperationRequest("SHARD_SWITCHOVER", Map.of("shard", "3", "note", marker), true));
    assertThatThrownBy(() -> operations.cancel("missing-" + marker))
        .isInstanceOf(HttpClientErrorException.NotFound.class);
    String viewer = users.tokenFor("audit-viewer", Role.VIEWER);
    assertThatThrownBy(() -> client(OperationApi.class, viewer).cancel("denied-" + marker))
        .isInstanceOf(HttpClientErrorException.Forbidden.class);
    String operator = users.tokenFor("audit-operator", Role.OPERATOR);
    assertThatThrownBy(() -> client(OperationApi.class, operator).approve("approve-" + marker))
        .isInstanceOf(HttpClientErrorException.Forbidden.class);

    AuditApi audit = client(AuditApi.class, viewer);
    List<AuditEventView> events = audit.events(50, null, null);
    AuditEventView created = only(events, "operation.create", marker);
    assertThat(created.actor()).isEqualTo("admin");
    assertThat(created.outcome()).isEqualTo("SUCCEEDED");
    assertThat(created.parameters()).contains("SHARD_SWITCHOVER").contains("dryRun=true");
    AuditEventView failed = only(events, "operation.cancel", "missing-" + marker);
    assertThat(failed.outcome()).isEqualTo("FAILED");
    assertThat(failed.detail()).contains("no operation missing-" + marker);
    AuditEventView deniedByUrl =
        only(events, "POST /api/v1/operations/denied-" + marker + "/cancel", "");
    assertThat(deniedByUrl.actor()).isEqualTo("audit-viewer");
    assertThat(deniedByUrl.outcome()).isEqualTo("DENIED");
    AuditEventView deniedByMethod = only(events, "operation.approve", "approve-" + marker);
    assertThat(deniedByMethod.actor()).isEqualTo("audit-operator");
    assertThat(deniedByMethod.outcome()).isEqualTo("DENIED");

    assertThat(audit.events(50, "audit-operator", null))
        .extracting(AuditEventView::actor)
        .containsOnly("audit-operator");
    String csv = audit.export();
    assertThat(csv).startsWith("id,at,actor,action,parameters,outcome,detail\r\n");
    assertThat(csv.lines().filter(line -> line.contains(marker)).count()).isEqualTo(4);
  }

  @Test
  void anIssuedTokenIsAuditedWithoutItsSecret() {
    String token = adminToken().token();
    AuditEventView issued = client(AuditApi.class, token).events(20, "admin", "token.issue").get(0);
    assertThat(issued.outcome()).isEqualTo("SUCCEEDED");
    assertThat(issued.parameters()).doesNotContain("Basic").doesNotContain(ADMIN_PASSWORD);
    assertThat(String.valueOf(issued.detail())).doesNotContain(token);
  }

  private static AuditEventView only(List<AuditEventView> events, String action, String text) {
    List<AuditEventView> matching =
        events.stream()
            .filter(event -> event.action().equals(action))
            .filter(event -> event.parameters().contains(text) || event.action().contains(text))
            .toList();
    assertThat(matching).as(action + " " + text + " in " + events).hasSize(1);
    return matching.get(0);
  }
}
