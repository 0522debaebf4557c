package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An SRE looks at the shard map in a real Chromium against the packaged control plane, on a laptop
 * screen: all 1024 shards drawn in four data-centre blocks without horizontal scrolling, coloured
 * by primary DC, health and replication lag, a shard's detail with its replicas and epoch, the
 * switchover dialog filled in from there, and the light/dark choice kept across a reload.
 */
@ExtendWith(RunningControlPlane.Resolver.class)
class ShardMapConsoleIT {

  /** An Asia shard no other test switches (they use 300, 600 and 601). */
  private static final int SHARD = 650;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChromeDriver browser;

  @BeforeEach
  void openBrowser(RunningControlPlane controlPlane) {
    controlPlane.awaitAllNodesUp(Duration.ofSeconds(30));
    browser = Browser.start();
    // A 1366x768 laptop screen.
    browser.manage().window().setSize(new Dimension(1366, 768));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anSreReadsTheShardMapOpensAShardAndKeepsTheThemeAcrossAReload(
      RunningControlPlane controlPlane) throws Exception {
    signIn(controlPlane);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));

    // The shard map is in the navigation and draws every shard once, in four labelled blocks.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-shards"))).click();
    wait.until(ExpectedConditions.urlMatches("/shards$"));
    List<WebElement> cells =
        wait.until(
            d -> {
              List<WebElement> drawn = d.findElements(By.cssSelector("#shard-heatmap .sb-cell"));
              return drawn.size() == 1024 ? drawn : null;
            });
    assertThat(cells).hasSize(1024);
    assertThat(blockLabels())
        .containsExactly(
            "Americas shards 0–255",
            "Europe shards 256–511",
            "Asia shards 512–767",
            "Middle East shards 768–1023");
    @SuppressWarnings("unchecked")
    List<String> keys =
        (List<String>)
            browser.executeScript(
                "return Array.from(document.querySelectorAll('#shard-heatmap .sb-cell'),"
                    + " c => c.dataset.c)");
    assertThat(keys).hasSize(1024).allMatch(key -> key != null && key.startsWith("dc-"));
    assertThat(keys.subList(512, 768))
        .as("Asia's shards have Asian primaries")
        .containsOnly("dc-2");

    // The tooltip names the shard, its primary and its epoch.
    JsonNode shard = shardFromApi(controlPlane, SHARD);
    String epoch = shard.get("summary").get("epoch").asText();
    String primary = shard.get("summary").get("primary").asText();
    WebElement cell = cellOf(SHARD);
    assertThat(cell.getAttribute("title"))
        .startsWith("Shard " + SHARD + "\nprimary " + primary + " (Asia)\nepoch " + epoch);

    // It fits a laptop screen without horizontal scrolling.
    assertNoHorizontalScrolling();
    Browser.screenshot(browser, "shard-map-primary-dc");

    // A refresh (every second, server push) is quick to draw.
    long renderMicros =
        Long.parseLong(
            browser.findElement(By.id("shard-heatmap")).getAttribute("data-render-micros"));
    assertThat(renderMicros).as("server-side drawing of a refresh, in µs").isLessThan(200_000);
    System.out.println(
        "Shard map status: " + browser.findElement(By.id("shard-map-status")).getText());

    // Colour by health: every cell gets a health colour and the legend counts all shards.
    browser.executeScript(
        "window.sbRecoloured = 0; new MutationObserver(() => window.sbRecoloured ="
            + " performance.now()).observe(document.getElementById('shard-heatmap'),"
            + " {attributes: true, subtree: true, attributeFilter: ['data-c']});"
            + "window.sbClicked = performance.now();");
    chooseColourMode("Health");
    liveWait()
        .until(
            d -> "HEALTH".equals(d.findElement(By.id("shard-heatmap")).getAttribute("data-mode")));
    liveWait()
        .until(
            d ->
                cellKeys().stream().allMatch(key -> key.startsWith("health-"))
                    && legendCounts() == 1024);
    double recolourMillis =
        ((Number) browser.executeScript("return window.sbRecoloured - window.sbClicked"))
            .doubleValue();
    System.out.printf(
        "Shard map: switching to health recoloured 1024 cells %.0f ms after the click%n",
        recolourMillis);
    assertThat(recolourMillis).as("click to recoloured map, in ms").isBetween(0.0, 3000.0);
    assertThat(legendKeys())
        .containsExactly(
            "health-primary-down",
            "health-replicas",
            "health-drift",
            "health-unknown",
            "health-ok");
    Browser.screenshot(browser, "shard-map-health");

    // Colour by lag: shards are sampled in the background, a batch per second.
    chooseColourMode("Replication lag");
    liveWait()
        .until(
            d ->
                cellKeys().stream()
                        .filter(key -> key.startsWith("lag-") && !key.equals("lag-pending"))
                        .count()
                    >= 64);
    assertThat(browser.findElement(By.id("shard-lag-status")).getText())
        .startsWith("Lag sampled for ");

    // A click opens the shard: replicas with role, node, DC, health, progress and lag, the epoch.
    cellOf(SHARD).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shard-detail-epoch")));
    liveWait().until(d -> epoch.equals(d.findElement(By.id("shard-detail-epoch")).getText()));
    assertThat(browser.findElement(By.id("shard-detail-primary")).getText()).isEqualTo(primary);
    List<String> expectedNodes = new ArrayList<>();
    shard.get("replicas").forEach(replica -> expectedNodes.add(replica.get("node").asText()));
    List<String> shownNodes =
        browser.findElements(By.cssSelector("#shard-detail-replicas .replica-node")).stream()
            .map(node -> node.getAttribute("data-node"))
            .toList();
    assertThat(shownNodes).containsExactlyElementsOf(expectedNodes);
    assertThat(
            browser.findElements(By.cssSelector("#shard-detail-replicas .replica-node")).stream()
                .map(node -> node.getAttribute("data-kind"))
                .toList())
        .startsWith("PRIMARY", "FOLLOWER", "FOLLOWER");
    assertThat(browser.findElement(By.id("shard-detail-replicas")).getText())
        .contains("Progress", "Lag", "Asia", "UP", "committed");
    Browser.screenshot(browser, "shard-detail");

    // "Switch primary" opens the switchover dialog filled in with the shard.
    wait.until(ExpectedConditions.elementToBeClickable(By.id("shard-switch-primary"))).click();
    WebElement shardField =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#switchover-shard input")));
    assertThat(shardField.getAttribute("value")).isEqualTo(Integer.toString(SHARD));
    browser.findElement(By.id("switchover-close")).click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#switchover-shard input")));

    // Dark by default; the switch is remembered by this browser across a reload.
    assertThat(theme()).contains("dark");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("theme-toggle"))).click();
    liveWait().until(d -> !theme().contains("dark"));
    Browser.screenshot(browser, "shard-map-light");
    browser.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector("#shard-heatmap .sb-cell")).size() == 1024);
    assertThat(theme()).as("light after a reload").doesNotContain("dark");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("theme-toggle"))).click();
    liveWait().until(d -> theme().contains("dark"));
    browser.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector("#shard-heatmap .sb-cell")).size() == 1024);
    assertThat(theme()).as("dark again after a reload").contains("dark");
    assertNoHorizontalScrolling();
  }

  private WebElement cellOf(int shard) {
    return browser.findElement(
        By.cssSelector("#shard-heatmap .sb-cell[data-shard='" + shard + "']"));
  }

  private List<String> blockLabels() {
    return browser.findElements(By.cssSelector("#shard-heatmap .sb-block-label")).stream()
        .map(label -> label.getText().replaceAll("\\s+", " ").trim())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<String> cellKeys() {
    return (List<String>)
        browser.executeScript(
            "return Array.from(document.querySelectorAll('#shard-heatmap .sb-cell'),"
                + " c => c.dataset.c || '')");
  }

  private List<String> legendKeys() {
    return browser.findElements(By.cssSelector("#shard-legend .sb-legend-entry")).stream()
        .map(entry -> entry.getAttribute("data-c"))
        .toList();
  }

  private int legendCounts() {
    return browser.findElements(By.cssSelector("#shard-legend .sb-legend-entry")).stream()
        .mapToInt(entry -> Integer.parseInt(entry.getAttribute("data-count")))
        .sum();
  }

  private void chooseColourMode(String label) {
    WebElement option =
        browser.findElements(By.cssSelector("#shard-colour-mode vaadin-radio-button")).stream()
            .filter(button -> button.getText().trim().equals(label))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no colour mode " + label));
    option.click();
  }

  /** The theme attribute of the page's UI element ({@code body}) and of {@code html}. */
  private String theme() {
    Object theme =
        browser.executeScript(
            "return (document.body.getAttribute('theme') || '') + ' '"
                + " + (document.documentElement.getAttribute('theme') || '')");
    return String.valueOf(theme);
  }

  private void assertNoHorizontalScrolling() {
    Object overflow =
        browser.executeScript(
            "const map = document.getElementById('shard-heatmap').getBoundingClientRect();"
                + "const page = document.scrollingElement;"
                + "const wide = Array.from(document.querySelectorAll('vaadin-app-layout, main,"
                + " [content]')).filter(e => e.scrollWidth > e.clientWidth + 1).length;"
                + "return [map.right <= window.innerWidth,"
                + " page.scrollWidth <= page.clientWidth, wide];");
    assertThat(overflow.toString())
        .as("[map inside the window, page not wider than the window, wider containers]")
        .isEqualTo("[true, true, 0]");
  }

  private static JsonNode shardFromApi(RunningControlPlane controlPlane, int shard)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(controlPlane.url() + "/api/v1/shards/" + shard))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + controlPlane.adminToken())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** A wait for a page that server push keeps re-rendering: stale elements are looked up again. */
  private WebDriverWait liveWait() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
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
