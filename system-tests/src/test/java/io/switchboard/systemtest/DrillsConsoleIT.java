package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An SRE runs a failover drill from the console, in a real Chromium against the packaged control
 * plane on a laptop screen: choose a node that is UP and leads shards, read the plan and the
 * warning, start it, watch it live while the node is killed, fails over and is restored, and read
 * the report (PASS verdicts, the SVG timeline with its five moments) and its row in the history.
 */
@ExtendWith(RunningControlPlane.Resolver.class)
class DrillsConsoleIT {

  /** Leads Middle East shards; no other browser test touches it. */
  private static final String NODE = "middle-east-2";

  private static final List<String> STEPS =
      List.of("start-traffic", "inject-fault", "await-failover", "verify", "restore", "report");

  private ChromeDriver browser;

  @BeforeEach
  void openBrowser(RunningControlPlane controlPlane) {
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(60));
    browser = Browser.start();
    // A 1366x768 laptop screen.
    browser.manage().window().setSize(new Dimension(1366, 768));
  }

  @AfterEach
  void closeBrowser(RunningControlPlane controlPlane) {
    if (browser != null) {
      browser.quit();
    }
    // The drill restores its node: the cluster is whole again for the next test.
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(60));
  }

  @Test
  void anSreRunsAFailoverDrillAndReadsItsReport(RunningControlPlane controlPlane) throws Exception {
    assertThat(controlPlane.health(NODE)).isEqualTo("UP");
    signIn(controlPlane);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));

    // Drills is in the navigation.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-drills"))).click();
    wait.until(ExpectedConditions.urlMatches("/drills$"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drills-grid")));

    // Run drill: choose the node; the plan and the warning appear.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("run-drill"))).click();
    WebElement node = wait.until(ExpectedConditions.elementToBeClickable(By.id("drill-node")));
    assertThat(browser.findElement(By.id("drill-start")).getAttribute("disabled"))
        .as("starting needs a node and its plan")
        .isNotNull();
    chooseInSelect(node, NODE);
    List<WebElement> planned =
        liveWait(Duration.ofSeconds(15))
            .until(
                d -> {
                  List<WebElement> steps =
                      d.findElements(By.cssSelector("#drill-plan-steps li.plan-step"));
                  return steps.size() == STEPS.size() ? steps : null;
                });
    assertThat(planned)
        .extracting(step -> step.getAttribute("data-step"))
        .containsExactlyElementsOf(STEPS);
    assertThat(browser.findElement(By.id("drill-plan-title")).getText())
        .isEqualTo("Failover drill of " + NODE);
    assertThat(browser.findElement(By.id("drill-warning")).getText())
        .contains("This kills " + NODE);
    Browser.screenshot(browser, "drill-plan");

    // The fault: cutting the node off plans a write through its own gateway as well.
    chooseInSelect(browser.findElement(By.id("drill-fault")), "Cut it off the network");
    liveWait(Duration.ofSeconds(15))
        .until(
            d ->
                d.findElements(
                            By.cssSelector(
                                "#drill-plan-steps li.plan-step[data-step='write-old-primary']"))
                        .size()
                    == 1);
    assertThat(browser.findElement(By.id("drill-warning")).getText())
        .contains("This cuts " + NODE + " off its cluster network");
    assertThat(browser.findElement(By.id("drill-start")).getText())
        .isEqualTo("Cut node off and start drill");
    Browser.screenshot(browser, "drill-plan-partition");
    chooseInSelect(browser.findElement(By.id("drill-fault")), "Kill the node");
    liveWait(Duration.ofSeconds(15))
        .until(
            d ->
                d.findElements(By.cssSelector("#drill-plan-steps li.plan-step")).size()
                        == STEPS.size()
                    && d.findElement(By.id("drill-warning")).getText().contains("This kills"));

    // Start it; the page follows its progress live.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("drill-start"))).click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector("vaadin-dialog-overlay[opened]")));
    WebElement progress =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drill-progress")));
    String operationId = progress.getAttribute("data-operation-id");
    assertThat(operationId).isNotBlank();
    // The progress re-renders as the steps advance: read the step names in one wait that
    // retries an element replaced under it.
    assertThat(stepAttributes("data-step")).containsExactlyElementsOf(STEPS);

    // While it runs, the node goes down and the progress shows the failover being awaited.
    liveWait(Duration.ofSeconds(60))
        .until(
            d ->
                !d.findElements(
                        By.cssSelector(
                            "#drill-progress-steps .drill-step[data-step='inject-fault']"
                                + "[data-state='SUCCEEDED']"))
                    .isEmpty());
    Browser.screenshot(browser, "drill-running");

    // It ends by itself (server push, no reload) and its report is shown.
    liveWait(Duration.ofSeconds(150))
        .until(
            d ->
                "SUCCEEDED"
                        .equals(d.findElement(By.id("drill-progress")).getAttribute("data-state"))
                    || "FAILED"
                        .equals(d.findElement(By.id("drill-progress")).getAttribute("data-state")));
    assertThat(browser.findElement(By.id("drill-progress")).getAttribute("data-state"))
        .as(browser.findElement(By.id("drill-progress")).getText())
        .isEqualTo("SUCCEEDED");
    assertThat(stepAttributes("data-state")).containsOnly("SUCCEEDED");

    WebElement report =
        liveWait(Duration.ofSeconds(15))
            .until(
                d -> {
                  WebElement shown = d.findElement(By.id("drill-report"));
                  return shown.isDisplayed()
                          && operationId.equals(shown.getAttribute("data-drill-id"))
                      ? shown
                      : null;
                });
    assertThat(browser.findElement(By.id("drill-report-title")).getText())
        .isEqualTo("Drill of " + NODE);
    assertThat(browser.findElement(By.id("drill-report-verdict")).getAttribute("data-state"))
        .isEqualTo("PASS");
    List<WebElement> objectives =
        report.findElements(By.cssSelector("#drill-objectives .drill-objective"));
    assertThat(objectives)
        .extracting(objective -> objective.getAttribute("data-objective"))
        .contains("failover", "rpo-in-dc");
    assertThat(objectives)
        .extracting(objective -> objective.getAttribute("data-passed"))
        .containsOnly("true");
    assertThat(
            report.findElements(By.cssSelector("#drill-objectives .drill-objective .state-badge")))
        .extracting(WebElement::getText)
        .containsOnly("PASS");
    assertThat(browser.findElement(By.id("drill-fencing")).getText()).isNotBlank();
    assertThat(
            browser
                .findElement(
                    By.cssSelector("#drill-figures [data-figure='lost'] .drill-figure-value"))
                .getText())
        .isEqualTo("0");

    // The timeline chart: one inline SVG, every moment of the failover, the objective line.
    List<WebElement> svgs = browser.findElements(By.cssSelector("#drill-timeline svg"));
    assertThat(svgs).hasSize(1);
    WebElement svg = svgs.get(0);
    assertThat(svg.getSize().getWidth()).as("the chart is drawn").isGreaterThan(300);
    List<WebElement> markers = svg.findElements(By.cssSelector("g.drill-marker"));
    assertThat(markers)
        .extracting(marker -> marker.getAttribute("data-moment"))
        .containsExactlyInAnyOrder(
            "fault",
            "detected",
            "confirmed",
            "fenced",
            "elected",
            "promoted",
            "notified",
            "first-write");
    assertThat(svg.findElements(By.cssSelector("g.drill-objective-line"))).hasSize(1);
    assertThat(svg.findElements(By.cssSelector("g.drill-marker circle")))
        .allMatch(circle -> circle.getSize().getWidth() > 0);
    assertThat(svg.getDomProperty("textContent"))
        .contains("fault", "first-write", "failover objective");

    // At 1366x768 nothing scrolls sideways.
    Object sideways =
        browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
    assertThat(sideways).isEqualTo(Boolean.FALSE);
    browser.executeScript(
        "arguments[0].scrollIntoView({block: 'start'});",
        browser.findElement(By.id("drill-timeline")));
    Browser.screenshot(browser, "drill-report");

    // The history lists it with its verdict.
    WebElement verdict =
        liveWait(Duration.ofSeconds(10))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(
                        "#drills-grid .drill-verdict[data-drill-id='" + operationId + "']")));
    assertThat(verdict.getAttribute("data-state")).isEqualTo("PASS");
    assertThat(gridCells()).contains(NODE);

    // The API agrees, and the node is UP again.
    JsonNode stored = controlPlane.get("/api/v1/drills/" + operationId);
    assertThat(stored.get("node").asText()).isEqualTo(NODE);
    assertThat(stored.get("passed").asBoolean()).isTrue();
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(60));

    // A reload shows the history with the newest drill selected.
    browser.navigate().refresh();
    liveWait(Duration.ofSeconds(30))
        .until(
            d ->
                !d.findElements(
                        By.cssSelector("#drill-report[data-drill-id='" + operationId + "']"))
                    .isEmpty());
    assertThat(browser.findElements(By.cssSelector("#drill-timeline svg g.drill-marker")))
        .hasSize(8);

    // The light theme draws the same chart (its colours are Lumo properties).
    WebDriverWait themeWait = new WebDriverWait(browser, Duration.ofSeconds(10));
    themeWait.until(ExpectedConditions.elementToBeClickable(By.id("theme-toggle"))).click();
    themeWait.until(
        d ->
            !String.valueOf(
                    ((ChromeDriver) d)
                        .executeScript(
                            "return (document.body.getAttribute('theme') || '') + ' '"
                                + " + (document.documentElement.getAttribute('theme') || '')"))
                .contains("dark"));
    browser.executeScript(
        "arguments[0].scrollIntoView({block: 'start'});",
        browser.findElement(By.id("drill-timeline")));
    Browser.screenshot(browser, "drill-report-light");
  }

  private List<String> gridCells() {
    return browser.findElements(By.cssSelector("#drills-grid vaadin-grid-cell-content")).stream()
        .map(WebElement::getText)
        .map(String::trim)
        .toList();
  }

  /** Opens a {@code vaadin-select} and picks the item labelled {@code label}. */
  private void chooseInSelect(WebElement select, String label) {
    select.click();
    WebElement item =
        liveWait(Duration.ofSeconds(10))
            .until(
                d ->
                    d
                        .findElements(
                            By.cssSelector("vaadin-select-overlay[opened] vaadin-select-item"))
                        .stream()
                        .filter(
                            candidate ->
                                label.equals(
                                    String.valueOf(candidate.getDomProperty("textContent")).trim()))
                        .findFirst()
                        .orElse(null));
    // The list may be longer than the overlay shows at 768 px (the item is then clipped, not
    // displayed): bring the item into view first.
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", item);
    liveWait(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(item)).click();
    liveWait(Duration.ofSeconds(10))
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("vaadin-select-overlay[opened]")));
  }

  /** A wait for a page that server push keeps re-rendering: stale elements are looked up again. */
  /**
   * {@code attribute} of every step of the drill's progress, read in one wait that retries when the
   * live progress replaced an element under it.
   */
  private List<String> stepAttributes(String attribute) {
    return liveWait(Duration.ofSeconds(15))
        .until(
            (WebDriver d) ->
                d.findElements(By.cssSelector("#drill-progress-steps .drill-step")).stream()
                    .map(step -> step.getAttribute(attribute))
                    .toList());
  }

  private WebDriverWait liveWait(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private void signIn(RunningControlPlane controlPlane) {
    browser.get(controlPlane.url() + "/login");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement user =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")));
    user.sendKeys("admin");
    WebElement pass = browser.findElement(By.cssSelector("#vaadinLoginPassword input"));
    pass.sendKeys(RunningControlPlane.ADMIN_PASSWORD);
    pass.sendKeys(Keys.ENTER);
  }
}
