package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin manages users and API tokens from the console, in a real Chromium against the packaged
 * control plane: create a user, change its role, disable and enable it, revoke one of its tokens,
 * and every change is checked over HTTP the way a CLI or a script would meet it. Users without
 * ADMIN see no "Users & tokens" and cannot open it. The control plane is shared with other tests,
 * so every user here has a name of its own per run.
 */
@ExtendWith(RunningControlPlane.Resolver.class)
class UsersConsoleIT {

  private static final String PASSWORD = "correct-horse-battery";

  private final HttpClient http = HttpClient.newHttpClient();
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void adminCreatesAUserChangesItsRoleDisablesItAndRevokesItsToken(RunningControlPlane controlPlane)
      throws Exception {
    String username = uniqueName("it-user");
    signIn(controlPlane, "admin", RunningControlPlane.ADMIN_PASSWORD);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));

    // Users & tokens is in the navigation of an admin.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-users"))).click();
    wait.until(ExpectedConditions.urlMatches("/users$"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users-grid")));
    liveWait().until(d -> userRole("admin") != null);
    assertThat(roleSelect("admin").getAttribute("disabled"))
        .as("the signed-in admin cannot demote themselves")
        .isNotNull();

    // New user: OPERATOR, with a password long enough.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-user"))).click();
    WebElement name =
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#new-user-name input")));
    name.sendKeys(username);
    chooseInSelect(browser.findElement(By.id("new-user-role")), "OPERATOR");
    liveWait().until(d -> "OPERATOR".equals(selectedText(d.findElement(By.id("new-user-role")))));
    WebElement password = browser.findElement(By.cssSelector("#new-user-password input"));
    password.sendKeys("too-short");
    liveWait()
        .until(
            d ->
                d.findElement(By.id("new-user-password")).getAttribute("invalid") != null
                    && d.findElement(By.id("new-user-create")).getAttribute("disabled") != null);
    password.sendKeys(Keys.chord(Keys.CONTROL, "a"), PASSWORD);
    liveWait().until(d -> d.findElement(By.id("new-user-create")).getAttribute("disabled") == null);
    Browser.screenshot(browser, "users-new-user");
    browser.findElement(By.id("new-user-create")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("new-user-name")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("vaadin-notification-card"), "Created '" + username + "'"));

    // The grid shows it: OPERATOR, enabled, no tokens yet.
    revealUser(controlPlane, username);
    liveWait().until(d -> "OPERATOR".equals(userRole(username)));
    assertThat(userRow(username))
        .as("name, role, state, created, last login, active tokens")
        .hasSize(7)
        .contains(username, "Enabled", "never", "0");
    assertThat(apiUser(controlPlane, username).get("role").asText()).isEqualTo("OPERATOR");

    // The new user gets a token with its password, and it works.
    String token = controlPlane.issueToken(username, PASSWORD);
    assertThat(statusWithToken(controlPlane, token, "/api/v1/topology")).isEqualTo(200);
    assertThat(statusWithToken(controlPlane, token, "/api/v1/users"))
        .as("an OPERATOR does not administer users")
        .isEqualTo(403);
    String tokenId = tokenIdOf(controlPlane, username);

    // Role: VIEWER, from the grid, after a confirmation.
    browser.findElement(By.id("users-refresh")).click();
    liveWait().until(d -> "1".equals(userCell(username, 5)));
    assertThat(userCell(username, 4)).as("last login").isNotEqualTo("never");
    chooseInSelect(roleSelect(username), "VIEWER");
    confirm("Change role", "from OPERATOR to VIEWER");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("vaadin-notification-card"), "'" + username + "' is now VIEWER"));
    liveWait().until(d -> "VIEWER".equals(userRole(username)));
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "VIEWER".equals(apiUser(controlPlane, username).get("role").asText()));
    assertThat(statusWithToken(controlPlane, token, "/api/v1/topology"))
        .as("a VIEWER token still reads")
        .isEqualTo(200);

    // Disable, after a confirmation: its token is refused.
    userButton("user-disable", username).click();
    confirm("Disable", "Disable '" + username + "'?");
    liveWait().until(d -> "Disabled".equals(userCell(username, 2)));
    Browser.screenshot(browser, "users-disabled");
    assertThat(apiUser(controlPlane, username).get("enabled").asBoolean()).isFalse();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> statusWithToken(controlPlane, token, "/api/v1/topology") == 401);

    // Enable again (no confirmation needed): the token works again.
    userButton("user-enable", username).click();
    liveWait().until(d -> "Enabled".equals(userCell(username, 2)));
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> statusWithToken(controlPlane, token, "/api/v1/topology") == 200);

    // Revoke the token in the tokens grid, after a confirmation: it is refused. (Enabling reloaded
    // the tokens in the same round trip that redrew the row, so the grid lists the token by now.)
    WebElement revoke =
        liveWait()
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector(
                        "#tokens-grid vaadin-button.token-revoke[data-token-id='"
                            + tokenId
                            + "']")));
    assertThat(revoke.getAttribute("data-username")).isEqualTo(username);
    revoke.click();
    confirm("Revoke", "of '" + username + "'");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("vaadin-notification-card"),
            "Revoked the token 'system test' of '" + username + "'"));
    liveWait()
        .until(
            d ->
                d.findElements(
                        By.cssSelector(
                            "#tokens-grid vaadin-button.token-revoke[data-token-id='"
                                + tokenId
                                + "']"))
                    .isEmpty());
    assertThat(statusWithToken(controlPlane, token, "/api/v1/topology")).isEqualTo(401);
    assertThat(tokenState(controlPlane, tokenId)).isEqualTo("REVOKED");
    // Its password still works: a new token can be had.
    String another = controlPlane.issueToken(username, PASSWORD);
    assertThat(statusWithToken(controlPlane, another, "/api/v1/topology")).isEqualTo(200);
    Browser.screenshot(browser, "users-token-revoked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"VIEWER", "OPERATOR"})
  void usersWithoutAdminSeeNoUsersAndTokensAndCannotOpenIt(
      String role, RunningControlPlane controlPlane) throws Exception {
    String username = uniqueName("it-" + role.toLowerCase(Locale.ROOT));
    controlPlane.post(
        "/api/v1/users",
        "{\"username\":\""
            + username
            + "\",\"role\":\""
            + role
            + "\",\"password\":\""
            + PASSWORD
            + "\"}");

    signIn(controlPlane, username, PASSWORD);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-user"), username));
    // The navigation is drawn (its other items are there), without Users & tokens.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-operations")));
    assertThat(browser.findElements(By.id("nav-users"))).isEmpty();

    // Going there by address shows no users: the page frame says why, and offers a way back.
    browser.get(controlPlane.url() + "/users");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("access-denied"), "not for your role"));
    assertThat(browser.findElement(By.id("access-denied-detail")).getText())
        .contains("signed in as " + username + " (" + role + ")")
        .contains("'/users'");
    assertThat(browser.findElement(By.id("nav-operations")).isDisplayed())
        .as("inside the console's frame")
        .isTrue();
    Browser.screenshot(browser, "users-refused-" + role.toLowerCase(Locale.ROOT));
    assertThat(browser.findElements(By.id("users-grid"))).isEmpty();
    assertThat(browser.findElements(By.id("tokens-grid"))).isEmpty();
    assertThat(browser.findElements(By.id("new-user"))).isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Users & tokens");
  }

  // ---- the console

  /** Clicks the confirm button of the users view's confirmation, after checking its question. */
  private void confirm(String buttonText, String questionPart) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("vaadin-confirm-dialog-overlay[opened]"), questionPart));
    WebElement button =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "#users-confirm vaadin-button[slot='confirm-button'],"
                        + " vaadin-confirm-dialog-overlay[opened] [slot='confirm-button']")));
    assertThat(button.getText()).isEqualTo(buttonText);
    button.click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector("vaadin-confirm-dialog-overlay[opened]")));
  }

  /** Opens a {@code vaadin-select} and picks the item labelled {@code label}. */
  private void chooseInSelect(WebElement select, String label) {
    select.click();
    WebElement item =
        liveWait()
            .until(
                d ->
                    d
                        .findElements(
                            By.cssSelector("vaadin-select-overlay[opened] vaadin-select-item"))
                        .stream()
                        .filter(WebElement::isDisplayed)
                        .filter(candidate -> candidate.getText().trim().equals(label))
                        .findFirst()
                        .orElse(null));
    item.click();
    liveWait()
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("vaadin-select-overlay[opened]")));
  }

  private static String selectedText(WebElement select) {
    return select.findElement(By.cssSelector("vaadin-select-value-button")).getText().trim();
  }

  /**
   * Scrolls the users grid to the user's row, so that it is drawn however many users other tests
   * made: the grid lists users in the API's order (by name).
   */
  private void revealUser(RunningControlPlane controlPlane, String username) throws Exception {
    List<String> names = new ArrayList<>();
    controlPlane.get("/api/v1/users").forEach(user -> names.add(user.get("username").asText()));
    assertThat(names).contains(username);
    browser.executeScript(
        "document.getElementById('users-grid').scrollToIndex(arguments[0])",
        names.indexOf(username));
  }

  private WebElement roleSelect(String username) {
    return browser.findElement(
        By.cssSelector("#users-grid vaadin-select.user-role[data-username='" + username + "']"));
  }

  /** The role the users grid shows for {@code username}; null while it has no row for them. */
  private String userRole(String username) {
    List<WebElement> selects =
        browser.findElements(
            By.cssSelector(
                "#users-grid vaadin-select.user-role[data-username='" + username + "']"));
    return selects.isEmpty() ? null : selectedText(selects.get(0));
  }

  private WebElement userButton(String className, String username) {
    return liveWait()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "#users-grid vaadin-button."
                        + className
                        + "[data-username='"
                        + username
                        + "']")));
  }

  /**
   * The texts of the cells of the user's row in the grid, left to right; empty while it has no row.
   * The contents of a vaadin-grid row are slotted into the cells of its shadow DOM, so this reads
   * them through the row.
   */
  @SuppressWarnings("unchecked")
  private List<String> userRow(String username) {
    return (List<String>)
        browser.executeScript(
            "const select = document.querySelector(\"#users-grid vaadin-select.user-role"
                + "[data-username='\" + arguments[0] + \"']\");"
                + "if (!select) return [];"
                + "const row = select.closest('vaadin-grid-cell-content')"
                + "  .assignedSlot.parentElement.parentElement;"
                + "return Array.from(row.children, cell => Array.from("
                + "  cell.querySelector('slot').assignedElements(), e => e.innerText.trim())"
                + "  .join(' '));",
            username);
  }

  /** The text of one cell of the user's row; null while it has no row. */
  private String userCell(String username, int column) {
    List<String> row = userRow(username);
    return row.size() > column ? row.get(column) : null;
  }

  /** A wait for a page that server push keeps re-rendering: stale elements are looked up again. */
  private WebDriverWait liveWait() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private void signIn(RunningControlPlane controlPlane, String username, String password) {
    browser.get(controlPlane.url() + "/login");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement user =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")));
    user.sendKeys(username);
    WebElement pass = browser.findElement(By.cssSelector("#vaadinLoginPassword input"));
    pass.sendKeys(password);
    pass.sendKeys(Keys.ENTER);
  }

  // ---- the API

  private static JsonNode apiUser(RunningControlPlane controlPlane, String username)
      throws Exception {
    for (JsonNode user : controlPlane.get("/api/v1/users")) {
      if (user.get("username").asText().equals(username)) {
        return user;
      }
    }
    throw new AssertionError("The API lists no user " + username);
  }

  /** The id of the user's only token. */
  private static String tokenIdOf(RunningControlPlane controlPlane, String username)
      throws Exception {
    JsonNode tokens = controlPlane.get("/api/v1/tokens?username=" + username);
    assertThat(tokens).hasSize(1);
    return tokens.get(0).get("id").asText();
  }

  private static String tokenState(RunningControlPlane controlPlane, String id) throws Exception {
    for (JsonNode token : controlPlane.get("/api/v1/tokens")) {
      if (token.get("id").asText().equals(id)) {
        return token.get("state").asText();
      }
    }
    throw new AssertionError("The API lists no token " + id);
  }

  /** The HTTP status of a GET of {@code path} with {@code token}. */
  private int statusWithToken(RunningControlPlane controlPlane, String token, String path)
      throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(controlPlane.url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String uniqueName(String prefix) {
    return prefix
        + "-"
        + Long.toString(System.currentTimeMillis(), 36)
        + ThreadLocalRandom.current().nextInt(100, 1000);
  }
}
