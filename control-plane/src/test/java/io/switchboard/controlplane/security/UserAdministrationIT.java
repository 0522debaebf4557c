package io.switchboard.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.user.NewUser;
import io.switchboard.api.user.PasswordReset;
import io.switchboard.api.user.RoleChange;
import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserApi;
import io.switchboard.api.user.UserView;
import io.switchboard.controlplane.ControlPlaneIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * User and token administration over real HTTP, as the CLI and scripts use it: what admins may do,
 * that it takes effect at once for passwords and tokens, what they are refused, and that other
 * roles are refused everything and every change is audited without passwords.
 */
class UserAdministrationIT extends ControlPlaneIT {

  private static final String PASSWORD = "correct-horse-battery";

  @Autowired private ApplicationContext context;
  @Autowired private ObjectMapper json;
  @Autowired private UserApi inProcess;
  @Autowired private SecurityContextHolderStrategy securityContexts;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private String adminToken;
  private UserApi admin;

  @BeforeEach
  void signInAsAdmin() {
    adminToken = adminToken().token();
    admin = client(UserApi.class, adminToken);
  }

  @AfterEach
  void clearSecurityContext() {
    securityContexts.clearContext();
  }

  @Test
  void adminCreatesAUserWhoCanThenLogInWithBasicAndUseAToken() throws Exception {
    String name = "it-alice-" + suffix;

    UserView created = admin.createUser(new NewUser(name, "viewer", PASSWORD));

    assertThat(created.username()).isEqualTo(name);
    assertThat(created.role()).isEqualTo("VIEWER");
    assertThat(created.enabled()).isTrue();
    assertThat(created.createdAt()).isNotNull();
    assertThat(created.lastLoginAt()).isNull();
    assertThat(created.activeTokens()).isZero();

    HttpResponse<String> issued = issue(name, PASSWORD);
    assertThat(issued.statusCode()).isEqualTo(201);
    String token = json.readValue(issued.body(), IssuedToken.class).token();
    assertThat(send("GET", "/api/v1/topology", token, null).statusCode()).isEqualTo(200);

    UserView listed = user(name);
    assertThat(listed.lastLoginAt()).isNotNull();
    assertThat(listed.activeTokens()).isEqualTo(1);
    TokenView tokenView = admin.tokens(name).get(0);
    assertThat(tokenView.username()).isEqualTo(name);
    assertThat(tokenView.label()).isEqualTo("it");
    assertThat(tokenView.state()).isEqualTo("ACTIVE");
    assertThat(tokenView.lastUsedAt()).isNotNull();
    HttpResponse<String> tokenList = send("GET", "/api/v1/tokens", adminToken, null);
    assertThat(tokenList.statusCode()).isEqualTo(200);
    assertThat(tokenList.body()).doesNotContain(token).doesNotContain(ApiTokenService.hash(token));
  }

  @Test
  void invalidAndDuplicateUsersAreRefusedWithTheReason() throws Exception {
    String name = "it-dup-" + suffix;
    admin.createUser(new NewUser(name, "OPERATOR", PASSWORD));

    HttpResponse<String> duplicate = createRaw(name, "VIEWER", PASSWORD);
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(detail(duplicate)).contains("'" + name + "' exists already");
    HttpResponse<String> badName = createRaw("Bad Name!", "VIEWER", PASSWORD);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(detail(badName)).contains("lower-case letters");
    HttpResponse<String> shortPassword = createRaw("it-short-" + suffix, "VIEWER", "short");
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(detail(shortPassword)).contains("at least 12 characters");
    HttpResponse<String> badRole = createRaw("it-role-" + suffix, "ROOT", PASSWORD);
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(detail(badRole)).contains("VIEWER, OPERATOR, ADMIN");
    assertThat(admin.users()).extracting(UserView::username).doesNotContain("it-short-" + suffix);

    HttpResponse<String> unknown =
        send("POST", "/api/v1/users/nobody-" + suffix + "/disable", adminToken, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(detail(unknown)).contains("no user 'nobody-" + suffix + "'");
  }

  @Test
  void aRoleChangeAppliesToTheUsersTokenAtOnce() throws Exception {
    String name = "it-bob-" + suffix;
    admin.createUser(new NewUser(name, "VIEWER", PASSWORD));
    String token = tokenOf(name, PASSWORD);
    String dryRun =
        "{\"type\":\"SHARD_SWITCHOVER\",\"parameters\":{\"shard\":\"3\"},\"dryRun\":true}";
    assertThat(send("POST", "/api/v1/operations", token, dryRun).statusCode()).isEqualTo(403);

    UserView operator = admin.changeRole(name, new RoleChange("OPERATOR"));

    assertThat(operator.role()).isEqualTo("OPERATOR");
    assertThat(send("POST", "/api/v1/operations", token, dryRun).statusCode())
        .as("authorised: a plan, or a conflict with a running operation")
        .isNotIn(401, 403);
    assertThat(send("GET", "/api/v1/users", token, null).statusCode()).isEqualTo(403);

    admin.changeRole(name, new RoleChange("ADMIN"));
    assertThat(send("GET", "/api/v1/users", token, null).statusCode()).isEqualTo(200);
    admin.changeRole(name, new RoleChange("VIEWER"));
    assertThat(send("POST", "/api/v1/operations", token, dryRun).statusCode()).isEqualTo(403);
  }

  @Test
  void disablingBlocksLoginAndTheUsersExistingTokensUntilEnabledAgain() throws Exception {
    String name = "it-carol-" + suffix;
    admin.createUser(new NewUser(name, "OPERATOR", PASSWORD));
    String token = tokenOf(name, PASSWORD);

    UserView disabled = admin.disableUser(name);

    assertThat(disabled.enabled()).isFalse();
    HttpResponse<String> refused = send("GET", "/api/v1/topology", token, null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(detail(refused)).contains("'" + name + "' is disabled");
    assertThat(issue(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(admin.tokens(name))
        .extracting(TokenView::state)
        .as("listed as refused, not as active")
        .containsExactly("USER_DISABLED");

    assertThat(admin.enableUser(name).enabled()).isTrue();
    assertThat(admin.tokens(name)).extracting(TokenView::state).containsExactly("ACTIVE");
    assertThat(send("GET", "/api/v1/topology", token, null).statusCode()).isEqualTo(200);
    assertThat(issue(name, PASSWORD).statusCode()).isEqualTo(201);
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceWhileTheUsersOtherTokensWork() throws Exception {
    String name = "it-dave-" + suffix;
    admin.createUser(new NewUser(name, "VIEWER", PASSWORD));
    String revoked = tokenOf(name, PASSWORD);
    String kept = tokenOf(name, PASSWORD);
    String id =
        admin.tokens(name).stream()
            .filter(t -> t.state().equals("ACTIVE"))
            .map(TokenView::id)
            .findFirst()
            .orElseThrow();
    // Which of the two is which does not matter: find the revoked one by trying both.
    TokenView view = admin.revokeToken(id);

    assertThat(view.state()).isEqualTo("REVOKED");
    assertThat(view.revokedAt()).isNotNull();
    List<Integer> statuses =
        List.of(
            send("GET", "/api/v1/topology", revoked, null).statusCode(),
            send("GET", "/api/v1/topology", kept, null).statusCode());
    assertThat(statuses).containsExactlyInAnyOrder(200, 401);
    String refusedToken = statuses.get(0) == 401 ? revoked : kept;
    assertThat(detail(send("GET", "/api/v1/topology", refusedToken, null))).contains("revoked");
    assertThat(admin.revokeToken(id).state()).as("revoking twice").isEqualTo("REVOKED");
    assertThat(user(name).activeTokens()).isEqualTo(1);

    HttpResponse<String> unknown =
        send("POST", "/api/v1/tokens/missing-" + suffix + "/revoke", adminToken, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(detail(unknown)).contains("no token with id 'missing-" + suffix + "'");
  }

  @Test
  void aResetPasswordReplacesTheOldOne() throws Exception {
    String name = "it-erin-" + suffix;
    admin.createUser(new NewUser(name, "VIEWER", PASSWORD));
    String newPassword = "a-new-password-" + suffix;

    admin.resetPassword(name, new PasswordReset(newPassword));

    assertThat(issue(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(issue(name, newPassword).statusCode()).isEqualTo(201);
    HttpResponse<String> tooShort =
        send("PUT", "/api/v1/users/" + name + "/password", adminToken, "{\"password\":\"abc\"}");
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(detail(tooShort)).contains("too short");
  }

  @Test
  void aDeletedUserCanNeitherLogInNorUseItsTokens() throws Exception {
    String name = "it-frank-" + suffix;
    admin.createUser(new NewUser(name, "OPERATOR", PASSWORD));
    String token = tokenOf(name, PASSWORD);

    admin.deleteUser(name);

    assertThat(admin.users()).extracting(UserView::username).doesNotContain(name);
    assertThat(admin.tokens(name)).isEmpty();
    assertThat(send("GET", "/api/v1/topology", token, null).statusCode()).isEqualTo(401);
    assertThat(issue(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(send("DELETE", "/api/v1/users/" + name, adminToken, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anAdminCannotDemoteDisableOrDeleteThemselves() throws Exception {
    HttpResponse<String> demote =
        send("PUT", "/api/v1/users/admin/role", adminToken, "{\"role\":\"OPERATOR\"}");
    HttpResponse<String> disable = send("POST", "/api/v1/users/admin/disable", adminToken, null);
    HttpResponse<String> delete = send("DELETE", "/api/v1/users/admin", adminToken, null);

    for (HttpResponse<String> response : List.of(demote, disable, delete)) {
      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(detail(response)).contains("yourself ('admin')").contains("another admin");
    }
    assertThat(demote.body()).contains("demote");
    assertThat(user("admin").role()).isEqualTo("ADMIN");
    assertThat(user("admin").enabled()).isTrue();
  }

  /**
   * The last enabled ADMIN can only be reached by an actor who is no longer an enabled ADMIN: a
   * console session keeps the role it signed in with. Simulated in process, as the console calls.
   */
  @Test
  void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
    String stale = "it-stale-" + suffix;
    admin.createUser(new NewUser(stale, "ADMIN", PASSWORD));
    for (UserView user : admin.users()) {
      if (user.enabled() && user.role().equals("ADMIN") && !user.username().equals("admin")) {
        admin.disableUser(user.username());
      }
    }
    securityContexts
        .getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                stale, null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));

    assertThatThrownBy(() -> inProcess.changeRole("admin", new RoleChange("VIEWER")))
        .isInstanceOf(UserAdministrationException.class)
        .hasMessageContaining("'admin' is the last enabled ADMIN and cannot be demoted")
        .hasMessageContaining("make another user ADMIN");
    assertThatThrownBy(() -> inProcess.disableUser("admin"))
        .hasMessageContaining("last enabled ADMIN and cannot be disabled");
    assertThatThrownBy(() -> inProcess.deleteUser("admin"))
        .hasMessageContaining("last enabled ADMIN and cannot be deleted");
    securityContexts.clearContext();

    assertThat(user("admin").role()).isEqualTo("ADMIN");
    assertThat(user("admin").enabled()).isTrue();
  }

  @Test
  void viewersAndOperatorsAreForbiddenEveryEndpoint() throws Exception {
    UserAccountsForTests users = new UserAccountsForTests(context);
    String target = "it-target-" + suffix;
    admin.createUser(new NewUser(target, "VIEWER", PASSWORD));
    String[][] endpoints = {
      {"GET", "/api/v1/users", null},
      {
        "POST",
        "/api/v1/users",
        "{\"username\":\"x-" + suffix + "\",\"role\":\"ADMIN\",\"password\":\"" + PASSWORD + "\"}"
      },
      {"PUT", "/api/v1/users/" + target + "/role", "{\"role\":\"ADMIN\"}"},
      {"POST", "/api/v1/users/" + target + "/disable", null},
      {"POST", "/api/v1/users/" + target + "/enable", null},
      {"PUT", "/api/v1/users/" + target + "/password", "{\"password\":\"" + PASSWORD + "-2\"}"},
      {"DELETE", "/api/v1/users/" + target, null},
      {"GET", "/api/v1/tokens", null},
      {"POST", "/api/v1/tokens/some-id/revoke", null},
    };
    for (Role role : List.of(Role.VIEWER, Role.OPERATOR)) {
      String token = users.tokenFor("it-" + role.name().toLowerCase() + "-" + suffix, role);
      for (String[] endpoint : endpoints) {
        HttpResponse<String> response = send(endpoint[0], endpoint[1], token, endpoint[2]);
        assertThat(response.statusCode())
            .as(role + " " + endpoint[0] + " " + endpoint[1])
            .isEqualTo(403);
        assertThat(detail(response)).contains("role is too low");
      }
    }
    assertThat(user(target).role()).isEqualTo("VIEWER");
    assertThat(user(target).enabled()).isTrue();
  }

  @Test
  void everyChangeIsAuditedWithoutPasswords() throws Exception {
    String name = "it-grace-" + suffix;
    String secondPassword = "second-password-" + suffix;
    admin.createUser(new NewUser(name, "VIEWER", PASSWORD));
    admin.changeRole(name, new RoleChange("OPERATOR"));
    admin.disableUser(name);
    admin.enableUser(name);
    admin.resetPassword(name, new PasswordReset(secondPassword));
    String token = tokenOf(name, secondPassword);
    String tokenId = admin.tokens(name).get(0).id();
    admin.revokeToken(tokenId);
    admin.deleteUser(name);
    createRaw(name + "!", "VIEWER", PASSWORD);

    AuditApi audit = client(AuditApi.class, adminToken);
    List<AuditEventView> events = audit.events(100, "admin", null);
    List<AuditEventView> succeeded =
        List.of(
            only(events, "user.create", "username=" + name + ","),
            only(events, "user.role", "username=" + name + ","),
            only(events, "user.disable", "username=" + name),
            only(events, "user.enable", "username=" + name),
            only(events, "user.password", "username=" + name),
            only(events, "token.revoke", "id=" + tokenId),
            only(events, "user.delete", "username=" + name));
    assertThat(succeeded).extracting(AuditEventView::outcome).containsOnly("SUCCEEDED");
    assertThat(succeeded.get(0).parameters()).contains("role=VIEWER");
    assertThat(succeeded.get(1).parameters()).contains("role=OPERATOR");
    assertThat(succeeded.get(5).detail()).isEqualTo("id=" + tokenId);
    AuditEventView refused = only(events, "user.create", "username=" + name + "!");
    assertThat(refused.outcome()).isEqualTo("FAILED");
    assertThat(refused.detail()).contains("is not allowed");

    String csv = audit.export();
    assertThat(csv).contains(name).doesNotContain(PASSWORD).doesNotContain(secondPassword);
    assertThat(csv).doesNotContain(token);
    for (AuditEventView event : events) {
      assertThat(event.parameters()).doesNotContain(PASSWORD).doesNotContain(secondPassword);
    }
  }

  private static AuditEventView only(List<AuditEventView> events, String action, String text) {
    List<AuditEventView> matching =
        events.stream()
            .filter(e -> e.action().equals(action) && e.parameters().contains(text))
            .toList();
    assertThat(matching).as(action + " " + text + " in " + events).hasSize(1);
    return matching.get(0);
  }

  private UserView user(String name) {
    return admin.users().stream()
        .filter(u -> u.username().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no user " + name));
  }

  private String tokenOf(String name, String password) throws Exception {
    HttpResponse<String> issued = issue(name, password);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    return json.readValue(issued.body(), IssuedToken.class).token();
  }

  private HttpResponse<String> issue(String name, String password) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/tokens"))
            .header("Authorization", basic(name, password))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"it\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> createRaw(String name, String role, String password)
      throws Exception {
    return send(
        "POST",
        "/api/v1/users",
        adminToken,
        json.writeValueAsString(
            java.util.Map.of("username", name, "role", role, "password", password)));
  }

  private String detail(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .as(response.body())
        .hasValue("application/problem+json");
    return json.readTree(response.body()).get("detail").asText();
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
