package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** What an SRE sees in the console, in a real Chromium against the packaged control plane. */
@ExtendWith(RunningControlPlane.Resolver.class)
class ConsoleBrowserIT {

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
  void wrongPasswordKeepsTheUserOnTheLoginPageWithAnError(RunningControlPlane controlPlane) {
    signIn(controlPlane, "admin", "not-the-password");

    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.urlContains("error"));
    assertThat(browser.findElements(By.id("data-centers"))).isEmpty();
  }

  @Test
  void signedInAdminSeesAllTwelveNodesAndAKilledNodeTurnsDownLive(RunningControlPlane controlPlane)
      throws Exception {
    signIn(controlPlane, "admin", RunningControlPlane.ADMIN_PASSWORD);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> d.findElements(By.cssSelector(".node-row[data-health='UP']")).size() == 12);
    List<WebElement> cards = browser.findElements(By.cssSelector(".dc-card"));
    assertThat(cards)
        .extracting(c -> c.findElement(By.tagName("h3")).getText())
        .containsExactly("Americas", "Europe", "Asia", "Middle East");
    assertThat(browser.findElement(By.id("topology-summary")).getText())
        .startsWith("4 data centres, 12 nodes: 12 up, 0 down");
    assertThat(browser.findElement(By.id("placement-notes")).getText())
        .as("the overview says plainly what the shard placement could not give")
        .isEqualTo("256 shards without a cross-DC replica: residency EU");
    assertThat(browser.findElement(By.id("signed-in-user")).getText()).contains("admin");
    Browser.screenshot(browser, "overview-all-up");

    String victim = "europe-3";
    controlPlane.killNode(victim);
    Instant killedAt = Instant.now();
    // No reload: the change must arrive by server push, which re-renders the rows: an element
    // found a moment ago may be gone, so every wait looks it up again.
    liveWait(Duration.ofSeconds(5))
        .until(
            d -> "DOWN".equals(d.findElement(By.id("node-" + victim)).getAttribute("data-health")));
    assertThat(Duration.between(killedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
    liveWait(Duration.ofSeconds(5))
        .until(d -> d.findElement(By.id("node-" + victim)).getText().contains("DOWN"));
    liveWait(Duration.ofSeconds(5))
        .until(
            d ->
                d.findElement(By.id("topology-summary"))
                    .getText()
                    .startsWith("4 data centres, 12 nodes: 11 up, 1 down"));
    Browser.screenshot(browser, "overview-node-down");

    controlPlane.startNode(victim);
    liveWait(Duration.ofSeconds(10))
        .until(
            d -> "UP".equals(d.findElement(By.id("node-" + victim)).getAttribute("data-health")));
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
