package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An SRE switches a shard's primary from the console, in a real Chromium against the packaged
 * control plane: preview the plan, run it, watch it to SUCCEEDED, find it in the audit log.
 */
@ExtendWith(RunningControlPlane.Resolver.class)
class OperationsConsoleIT {

  /** An Asia shard: its replica set stays clear of the nodes other tests kill. */
  private static final String SHARD = "600";

  /** Another Asia shard, switched through the API while the console watches. */
  private static final String OTHER_SHARD = "601";

  private static final Pattern DETAIL_URL = Pattern.compile("/operations/([^/?#]+)$");

  private ChromeDriver browser;

  @BeforeEach
  void openBrowser(RunningControlPlane controlPlane) {
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(30));
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void adminSwitchesAShardPrimaryFromTheConsoleAndFindsItInTheAuditLog(
      RunningControlPlane controlPlane) throws Exception {
    signIn(controlPlane, "admin", RunningControlPlane.ADMIN_PASSWORD);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));

    // Operations is in the navigation.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-operations"))).click();
    wait.until(ExpectedConditions.urlMatches("/operations$"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operations-grid")));

    // New switchover: preview the plan.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-switchover"))).click();
    WebElement shard =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#switchover-shard input")));
    // A refusal shows the control plane's own message.
    shard.sendKeys("5000", Keys.TAB);
    browser.findElement(By.id("switchover-preview")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("switchover-error"), "not a shard"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("vaadin-notification-card"), "'5000' is not a shard"));
    shard.sendKeys(Keys.chord(Keys.CONTROL, "a"), SHARD, Keys.TAB);
    assertThat(browser.findElement(By.id("switchover-run")).getAttribute("disabled"))
        .as("Run needs a preview first")
        .isNotNull();
    browser.findElement(By.id("switchover-preview")).click();

    List<WebElement> planned =
        wait.until(
            d -> {
              List<WebElement> steps =
                  d.findElements(By.cssSelector("#switchover-plan-steps li.plan-step"));
              return steps.size() == 4 ? steps : null;
            });
    assertThat(planned)
        .extracting(step -> step.getAttribute("data-step"))
        .containsExactly("catch-up", "fence", "promote", "publish");
    assertThat(browser.findElement(By.id("switchover-plan-title")).getText())
        .startsWith("Switch shard " + SHARD + " from asia-");
    String from = browser.findElement(By.id("switchover-plan-from")).getText();
    String target = browser.findElement(By.id("switchover-plan-target")).getText();
    assertThat(from).startsWith("asia-");
    assertThat(target).startsWith("asia-").isNotEqualTo(from);
    assertThat(browser.findElement(By.id("switchover-plan-epoch")).getText()).matches("\\d+");
    Browser.screenshot(browser, "switchover-preview");

    // Run, confirm, and land on the operation's detail.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("switchover-run"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("switchover-confirm-run"))).click();
    wait.until(ExpectedConditions.urlMatches(DETAIL_URL.pattern()));
    Matcher detail = DETAIL_URL.matcher(browser.getCurrentUrl());
    assertThat(detail.find()).isTrue();
    String operationId = detail.group(1);

    // It progresses to SUCCEEDED by itself (live refresh), no reload.
    liveWait(Duration.ofSeconds(60))
        .until(d -> "SUCCEEDED".equals(d.findElement(By.id("operation-state")).getText()));
    List<WebElement> steps = browser.findElements(By.cssSelector("#operation-steps .step-row"));
    assertThat(steps)
        .extracting(step -> step.getAttribute("id"))
        .containsExactly("step-catch-up", "step-fence", "step-promote", "step-publish");
    assertThat(steps).extracting(step -> step.getAttribute("data-state")).containsOnly("SUCCEEDED");
    assertThat(browser.findElement(By.id("operation-progress-label")).getText())
        .isEqualTo("4 of 4 steps done");
    assertThat(browser.findElement(By.id("operation-title")).getText())
        .isEqualTo("Switch shard " + SHARD + " from " + from + " to " + target);
    assertThat(browser.findElement(By.id("operation-parameters")).getText())
        .contains("epoch", "from", from, "target", target);
    assertThat(browser.findElements(By.id("operation-cancel")))
        .as("a finished operation cannot be cancelled")
        .allMatch(button -> !button.isDisplayed());
    Browser.screenshot(browser, "operation-succeeded");

    // The list shows it.
    browser.findElement(By.id("operation-back")).click();
    liveWait(Duration.ofSeconds(10))
        .until(
            d ->
                !d.findElements(
                        By.cssSelector(".operation-link[data-operation-id='" + operationId + "']"))
                    .isEmpty());

    // The audit log names who created it.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-audit"))).click();
    wait.until(ExpectedConditions.urlMatches("/audit$"));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#audit-actor input")))
        .sendKeys("admin");
    browser.findElement(By.cssSelector("#audit-action input")).sendKeys("operation.create");
    liveWait(Duration.ofSeconds(10)).until(d -> cellTexts().contains("id=" + operationId));
    List<String> cells = cellTexts();
    assertThat(cells).contains("operation.create", "admin", "SUCCEEDED");
    assertThat(cells).doesNotContain("node.kill");
    WebElement export = browser.findElement(By.id("audit-export"));
    Object csv =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0].href).then(r => r.ok ? r.text() : 'HTTP ' + r.status)"
                + ".then(done, e => done('failed: ' + e));",
            export);
    assertThat((String) csv)
        .as("the CSV export holds the whole log")
        .contains("operation.create", "admin", operationId);
    Browser.screenshot(browser, "audit-operation-create");

    // The list refreshes live: an operation started elsewhere appears and ends there, no reload.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-operations"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operations-grid")));
    String other = startSwitchoverThroughApi(controlPlane, OTHER_SHARD);
    liveWait(Duration.ofSeconds(60))
        .until(
            d ->
                !d.findElements(
                        By.cssSelector(
                            ".state-badge[data-operation-id='"
                                + other
                                + "'][data-state='SUCCEEDED']"))
                    .isEmpty());
    assertThat(
            browser
                .findElement(By.cssSelector(".operation-link[data-operation-id='" + other + "']"))
                .getText())
        .startsWith("Switch shard " + OTHER_SHARD + " from asia-");
    Browser.screenshot(browser, "operations-list");
  }

  /** Starts a switchover through the REST API as admin; returns its id. */
  private static String startSwitchoverThroughApi(RunningControlPlane controlPlane, String shard)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(controlPlane.url() + "/api/v1/operations"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + controlPlane.adminToken())
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"SHARD_SWITCHOVER\",\"parameters\":{\"shard\":\""
                                + shard
                                + "\"},\"dryRun\":false}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return new ObjectMapper().readTree(response.body()).get("id").asText();
  }

  private List<String> cellTexts() {
    return browser.findElements(By.cssSelector("#audit-grid vaadin-grid-cell-content")).stream()
        .map(WebElement::getText)
        .map(String::trim)
        .toList();
  }

  /** A wait for a page that server push keeps re-rendering: stale elements are looked up again. */
  private WebDriverWait liveWait(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(100));
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
}
