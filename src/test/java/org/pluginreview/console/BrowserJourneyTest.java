package org.pluginreview.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.task.Task;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.camunda.bpm.engine.TaskService;
import org.pluginreview.market.ListingProcess;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole journey in real (headless) Chromium: a developer submits in the console, a reviewer
 * rejects in Tasklist, the developer fixes and resubmits, another reviewer approves, the developer
 * goes live. Text the developer typed carries script payloads that must show as text and never run.
 * Screenshots of each step go to target/screenshots/.
 */
@ServiceTest
class BrowserJourneyTest {

  /** Sets a flag if it ever runs; the journey checks the flag is never set. */
  private static final String PAYLOAD_IMG = "<img src=x onerror=\"window.__xss=1\">";
  private static final String PAYLOAD_SCRIPT = "<script>window.__xss=1</script>";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  WebDriver browser;
  WebDriverWait wait;
  int shot;
  boolean queueShown;

  @BeforeAll
  static void clearScreenshots() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path png : old.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.delete(png);
      }
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1100", "--lang=en-US",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void submitRejectFixResubmitApproveAndGoLive() throws IOException {
    String pluginId = "journey-" + System.nanoTime() % 100000;

    // the developer creates a plugin, uploads a version, submits it and passes the self-check
    consoleLogin("dev1");
    click(By.cssSelector("#create-plugin summary"));
    type(By.cssSelector("#create-plugin-form [name=pluginId]"), pluginId);
    type(By.cssSelector("#create-plugin-form [name=name]"), "Weather " + PAYLOAD_IMG);
    type(By.cssSelector("#create-plugin-form [name=description]"), PAYLOAD_SCRIPT);
    click(By.cssSelector("#create-plugin-form button[type=submit]"));
    // a new plugin opens on its own page, where its versions are uploaded
    wait.until(ExpectedConditions.urlContains("#/plugins/" + pluginId));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#create-plugin-form")));
    String card = "[data-plugin='" + pluginId + "'] ";
    click(By.cssSelector(card + "details.upload summary"));
    String upload = card + "details.upload form ";
    type(By.cssSelector(upload + "[name=version]"), "1.0.0");
    type(By.cssSelector(upload + "[name=featurePackages]"), "forecast\n" + PAYLOAD_IMG);
    type(By.cssSelector(upload + "[name=infoName]"), "Weather " + PAYLOAD_SCRIPT);
    type(By.cssSelector(upload + "[name=infoSummary]"), "Seven-day forecasts");
    type(By.cssSelector(upload + "[name=infoDescription]"), "Forecasts for any city " + PAYLOAD_IMG);
    type(By.cssSelector(upload + "[name=infoCategory]"), "tools");
    type(By.cssSelector(upload + "[name=infoContactEmail]"), "support@weather.example");
    click(By.cssSelector(upload + "button[type=submit]"));
    String row = card + "tr[data-version='1.0.0'] ";
    action(row, "SUBMIT");
    waitForStatus(row, "SELF_CHECK");
    action(row, "SELF_CHECK");
    browser.findElements(By.cssSelector(".self-check-form input[type=checkbox]")).forEach(WebElement::click);
    screenshot("console-self-check");
    click(By.cssSelector(".self-check-form [data-confirm=SELF_CHECK]"));
    waitForStatus(row, "AUDITING");
    // a version under review shows its place in the queue and a likely range (or why there is none)
    assertThat(text(By.cssSelector(row + ".eta"))).matches("Place \\d+ of \\d+ in the review queue · .+");
    assertThat(text(By.cssSelector(card + "h3"))).contains("Weather " + PAYLOAD_IMG);
    assertThat(text(By.cssSelector(card + "p.muted"))).isEqualTo(PAYLOAD_SCRIPT);
    screenshot("console-under-review");
    assertNoScriptRan();

    // an operator sees the instance in Cockpit, with the form details among its variables, as text
    cockpitLogin("demo");
    String pid = taskService.createTaskQuery().processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, "1.0.0"))
        .singleResult().getProcessInstanceId();
    browser.get(url("/camunda/app/cockpit/default/#/process-instance/" + pid + "/runtime?tab=variables-tab"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "Weather " + PAYLOAD_SCRIPT));
    screenshot("cockpit-instance");
    assertNoScriptRan();

    // a reviewer finds it in the review queue among others, sees the details and rejects it with a reason
    ApiClient api = new ApiClient(port);
    api.inReview("dev2", "maps-" + System.nanoTime() % 100000, "City maps");
    api.inReview("dev2", "notes-" + System.nanoTime() % 100000, "Quick notes");
    tasklistLogin("reviewer1");
    openReview(pluginId);
    assertThat(fieldValue("Name")).isEqualTo("Weather " + PAYLOAD_SCRIPT);
    assertThat(fieldValue("Feature packages")).isEqualTo("forecast\n" + PAYLOAD_IMG);
    assertThat(fieldValue("Submitter's self-check")).startsWith("Confirmed by dev1, ");
    assertThat(fieldValue("What changed against the live version")).startsWith("No version is live yet");
    radio("Reject (驳回)");
    radio("Information (信息不全)");
    WebElement comment = browser.findElement(By.xpath("//label[contains(., 'Comment for the developer')]/following::textarea[1]"));
    comment.sendKeys("Add a contact page " + PAYLOAD_IMG);
    screenshot("tasklist-reject");
    complete();
    assertNoScriptRan();

    // the developer sees the reason, fixes the version and resubmits
    consoleLogin("dev1");
    openPlugin(pluginId);
    waitForStatus(row, "AUDIT_REJECTED");
    assertThat(text(By.cssSelector(row + ".rejection .reason"))).isEqualTo("Information: Add a contact page " + PAYLOAD_IMG);
    screenshot("console-rejected");
    // the fix adds personal data but forgets the privacy policy: the console warns, the pre-review fails
    // each version leads with its next step; the rest wait under "More"
    assertThat(browser.findElements(By.cssSelector(row + ".actions > button.primary")))
        .extracting(b -> b.getAttribute("data-action")).containsExactly("SUBMIT");
    List<WebElement> more = browser.findElements(By.cssSelector(row + ".more .menu button"));
    assertThat(more).extracting(b -> b.getAttribute("data-action")).contains("EDIT", "DELETE", "SET_TRIAL");
    assertThat(more).noneMatch(WebElement::isDisplayed);
    action(row, "EDIT");
    assertAccessible("plugin page with the edit form open, English");
    // the panel says what it edits, and can be left without saving
    assertThat(text(By.cssSelector("[data-panel] .panel-head strong"))).isEqualTo("Edit version 1.0.0");
    click(By.cssSelector("[data-panel] [data-cancel]"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-panel] .version-form")));
    action(row, "EDIT");
    WebElement notes = browser.findElement(By.cssSelector("[data-panel] .version-form [name=description]"));
    notes.clear();
    notes.sendKeys("Now with a contact page");
    click(By.cssSelector("[data-panel] .version-form [name=infoUsesPersonalData]"));
    click(By.cssSelector("[data-panel] .version-form button[type=submit]"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-panel] .version-form")));
    action(row, "SUBMIT");
    waitForStatus(row, "SELF_CHECK");
    // Tasklist's self-check form warns as well
    tasklistLogin("dev1");
    openTask(pluginId, ReviewProcess.USER_TASK_SELF_CHECK);
    assertThat(fieldValue("Warning: the pre-review will fail (预审将不通过)"))
        .contains("privacy-policy URL").doesNotContain("PRIVACY_POLICY_URL_REQUIRED");
    screenshot("tasklist-self-check-warning");
    consoleLogin("dev1");
    openPlugin(pluginId);
    action(row, "SELF_CHECK");
    assertThat(text(By.cssSelector(".self-check-form .findings.warning"))).contains("privacy-policy URL");
    assertAccessible("self-check form with a warning, English");
    browser.findElements(By.cssSelector(".self-check-form input[type=checkbox]")).forEach(WebElement::click);
    click(By.cssSelector(".self-check-form [data-confirm=SELF_CHECK]"));
    waitForStatus(row, "DEVELOPMENT");
    By failure = By.cssSelector(row + ".findings.failure [data-finding=PRIVACY_POLICY_URL_REQUIRED]");
    assertThat(text(failure)).startsWith("The plugin uses personal data").doesNotContain("PRIVACY_POLICY_URL_REQUIRED");
    assertThat(text(By.cssSelector(row + ".findings.failure strong"))).contains("pre-review failed");
    assertThat(text(By.cssSelector(card + ".card-message.error"))).contains("sent the version back");
    screenshot("console-pre-review-failed");
    action(row, "EDIT");
    type(By.cssSelector("[data-panel] .version-form [name=infoPrivacyPolicyUrl]"), "https://weather.example/privacy");
    click(By.cssSelector("[data-panel] .version-form button[type=submit]"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-panel] .version-form")));
    assertThat(browser.findElements(By.cssSelector(row + ".findings.failure"))).as("gone once fixed").isEmpty();
    action(row, "SUBMIT");
    waitForStatus(row, "SELF_CHECK");
    action(row, "SELF_CHECK");
    assertThat(browser.findElements(By.cssSelector(".self-check-form .findings"))).isEmpty();
    browser.findElements(By.cssSelector(".self-check-form input[type=checkbox]")).forEach(WebElement::click);
    click(By.cssSelector(".self-check-form [data-confirm=SELF_CHECK]"));
    waitForStatus(row, "AUDITING");

    // another reviewer approves; the form shows the earlier rejection
    tasklistLogin("reviewer2");
    openReview(pluginId);
    assertThat(fieldValue("Earlier rejections")).contains(", reviewer1: Information (信息不全): Add a contact page");
    radio("Approve (通过)");
    screenshot("tasklist-approve");
    complete();

    // the release form in Tasklist offers only what is allowed now: with no live version, no grayscale
    tasklistLogin("dev1");
    openTask(pluginId, ReviewProcess.USER_TASK_RELEASE_DECISION);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "Go live (全量发布)"));
    assertThat(fieldValue("Status")).isEqualTo("Approved (审核通过)");
    assertThat(browser.findElements(By.cssSelector("input[type=radio]")).stream()
        .map(r -> r.findElement(By.xpath("ancestor::label[1] | following-sibling::*[1]")).getText()).toList())
        .containsExactly("Go live (全量发布)", "Return to development (退回开发版)");
    screenshot("tasklist-release");

    // the developer goes live
    consoleLogin("dev1");
    openPlugin(pluginId);
    waitForStatus(row, "APPROVED");
    action(row, "RELEASE");
    Alert confirmation = wait.until(ExpectedConditions.alertIsPresent()); // going live asks first
    assertThat(confirmation.getText()).contains("Take version 1.0.0 live?");
    confirmation.accept();
    waitForStatus(row, "RELEASED");
    assertThat(text(By.cssSelector(card + ".live-version"))).isEqualTo("1.0.0");
    click(By.cssSelector(row + "[data-action=HISTORY]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-history] [data-event=RELEASED]")));
    // the history names findings and reasons; the API keeps their codes
    assertThat(text(By.cssSelector("[data-history] [data-event=PRE_REVIEW_FAILED] .comment")))
        .startsWith("The plugin uses personal data").doesNotContain("PRIVACY_POLICY_URL_REQUIRED");
    assertThat(text(By.cssSelector("[data-history] [data-event=REJECTED] .comment")))
        .isEqualTo("Information: Add a contact page " + PAYLOAD_IMG);
    screenshot("console-live");
    assertNoScriptRan();

    // a draft deleted from "More" stays findable, with its history
    click(By.cssSelector(card + "details.upload summary"));
    type(By.cssSelector(upload + "[name=version]"), "1.1.0");
    click(By.cssSelector(upload + "button[type=submit]"));
    String draft = card + "tr[data-version='1.1.0'] ";
    waitForStatus(draft, "DEVELOPMENT");
    click(By.cssSelector(draft + ".more > summary"));
    // axe-core finds nothing serious on the console's pages, in either language: here with a menu open
    assertAccessible("plugin page with a More menu open, English");
    click(By.cssSelector(draft + "[data-action=DELETE]"));
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(draft.trim())));
    click(By.cssSelector(card + ".deleted-versions summary"));
    String gone = card + "tr[data-deleted-version='1.1.0'] ";
    assertThat(text(By.cssSelector(gone + "td:nth-child(2)"))).isEqualTo("In development");
    click(By.cssSelector(gone + "[data-action=HISTORY]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-history='" + pluginId + "/1.1.0'] [data-event=DELETED]")));
    screenshot("console-deleted-version");

    assertAccessible("plugin page with history and deleted versions open, English");

    // the owner asks to list the plugin in the market; a reviewer approves the listing in Tasklist
    click(By.cssSelector(card + "details.listing summary"));
    String listingForm = card + ".listing-form ";
    type(By.cssSelector(listingForm + "[name=title]"), "Weather " + PAYLOAD_IMG);
    type(By.cssSelector(listingForm + "[name=summary]"), "Seven-day forecasts");
    type(By.cssSelector(listingForm + "[name=category]"), "tools");
    type(By.cssSelector(listingForm + "[name=supportContact]"), "help@weather.example");
    type(By.cssSelector(listingForm + "[name=supportUrl]"), "https://weather.example/help");
    assertAccessible("plugin page with the listing form open, English");
    click(By.cssSelector(listingForm + "button[type=submit]"));
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card + "details.listing"), "data-listing-status", "IN_REVIEW"));
    tasklistLogin("reviewer1");
    String listingTask = taskService.createTaskQuery().processDefinitionKey(ListingProcess.KEY)
        .processInstanceBusinessKey(pluginId).singleResult().getId();
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + listingTask));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[normalize-space(.)='Title']")));
    assertThat(fieldValue("Title")).isEqualTo("Weather " + PAYLOAD_IMG);
    assertThat(fieldValue("What changed against the public text")).startsWith("Nothing is public yet");
    click(By.xpath("//*[self::a or self::button][normalize-space(.)='Claim']"));
    radio("Approve (通过)");
    screenshot("tasklist-listing-review");
    complete();
    assertNoScriptRan();

    // a merchant finds it in the market and subscribes: their mini-programs run the live version
    api.liveVersion("dev1", pluginId, "1.2.0");
    consoleLogin("merchant1");
    wait.until(ExpectedConditions.urlContains("#/market")); // a merchant starts in the market
    assertThat(browser.findElement(By.id("create-plugin")).isDisplayed()).isFalse();
    String offer = "[data-market-plugin='" + pluginId + "'] ";
    click(By.cssSelector(offer + "[data-subscribe=on]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(offer + ".resolution"), "1.2.0"));
    assertThat(text(By.cssSelector(offer + "h3"))).startsWith("Weather " + PAYLOAD_IMG);
    assertAccessible("market, English");
    screenshot("console-market");
    assertNoScriptRan();

    // the owner rolls back to 1.0.0 from "More"; the merchant runs 1.0.0 at once
    consoleLogin("dev1");
    openPlugin(pluginId);
    action(row, "ROLLBACK");
    Alert rollback = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(rollback.getText()).contains("1.0.0");
    rollback.accept();
    waitForStatus(row, "RELEASED");
    consoleLogin("merchant1");
    browser.get(url("/#/market"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(offer + ".resolution"), "1.0.0"));
    consoleLogin("dev1");
    openPlugin(pluginId);
    click(By.cssSelector(row + "[data-action=HISTORY]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-history] [data-event=ROLLED_BACK]")));

    // the platform's users read Chinese as well as English
    click(By.id("lang-zh"));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "插件控制台"));
    // the page re-renders in the new language
    wait.until(ExpectedConditions.textToBe(By.cssSelector(row + ".status"), "线上版"));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-history] [data-event=RELEASED] strong"), "上线"));
    screenshot("console-chinese");
    assertAccessible("plugin page, Chinese");
    for (String language : List.of("lang-zh", "lang-en")) {
      click(By.id(language));
      browser.get(url("/#/"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".plugin-list")));
      assertAccessible("plugin list, " + language);
      click(By.id("logout"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
      assertAccessible("login, " + language);
      type(By.id("login-username"), "dev1");
      type(By.id("login-password"), "dev1");
      click(By.id("login-submit"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    }

    // on a phone, 390 px wide, nothing runs off the page, in either language
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    for (String language : List.of("lang-zh", "lang-en")) {
      click(By.id(language));
      openPlugin(pluginId);
      assertThat(overflowing()).as("plugin page, " + language).isEmpty();
      browser.get(url("/#/"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".plugin-list, #plugins p")));
      assertThat(overflowing()).as("plugin list, " + language).isEmpty();
    }
    openPlugin(pluginId);
    screenshot("console-phone");
  }

  /** axe-core's rules, run on the page as it is now: no serious or critical violation. */
  @Test
  void aRejectionIsDiscussedAppealedAndReversedByAReviewLead() throws IOException {
    String pluginId = "appeal-journey-" + System.nanoTime() % 100000;
    ApiClient api = new ApiClient(port);
    api.inReview("dev1", pluginId);
    String card = "[data-plugin='" + pluginId + "'] ";
    String row = card + "tr[data-version='1.0.0'] ";

    // the developer expedites the review, with a reason; the version says so
    consoleLogin("dev1");
    openPlugin(pluginId);
    action(row, "EXPEDITE");
    type(By.cssSelector("[data-panel] .expedite-form textarea"), "Our launch is on Friday");
    click(By.cssSelector("[data-panel] .expedite-form button[type=submit]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(row + ".badge.expedited")));
    assertThat(browser.findElements(By.cssSelector(row + "[data-action=EXPEDITE]"))).isEmpty();

    // ... registers a receiver for the plugin's events and keeps its secret, shown once
    click(By.cssSelector(card + "details.webhooks summary"));
    type(By.cssSelector(card + ".webhook-form [name=url]"), "http://127.0.0.1:9/hooks");
    click(By.cssSelector(card + ".webhook-form button[type=submit]"));
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card + "[data-secret]")))
        .getText()).startsWith("whsec_");
    assertThat(browser.findElements(By.cssSelector(card + ".webhook-list > li"))).hasSize(1);
    assertAccessible("webhooks, English");

    // ... and turns approval mails off on the plugin list
    browser.get(url("/#/"));
    click(By.cssSelector("details.mail-settings summary"));
    click(By.cssSelector("details.mail-settings input[name=APPROVED]"));
    wait.until(ExpectedConditions.textToBe(By.id("notice"), "Saved."));
    assertThat(api.get("dev1", "/api/mail-settings").body().path("APPROVED").asBoolean()).isFalse();
    api.put("dev1", "/api/mail-settings", "{\"APPROVED\":true}");

    // reviewer1 rejects it, citing the review standard; the developer sees which items it fails
    assertThat(api.post("reviewer1", "/api/plugins/" + pluginId + "/versions/1.0.0/review", "{\"decision\":\"REJECT\","
        + "\"reasonCategory\":\"PRIVACY_SECURITY\",\"comment\":\"Where is the privacy policy?\",\"findings\":[\"2.1\"]}")
        .status()).isEqualTo(200);
    openPlugin(pluginId);
    waitForStatus(row, "AUDIT_REJECTED");
    assertThat(text(By.cssSelector(row + ".cited [data-item='2.1']"))).isEqualTo("Fails 2.1 Privacy policy required");

    // ... writes back in the conversation
    click(By.cssSelector(row + "[data-action=CONVERSATION]"));
    type(By.cssSelector("[data-panel] .message-form textarea"), "It is linked from the about screen " + PAYLOAD_IMG);
    click(By.cssSelector("[data-panel] .message-form button[type=submit]"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-panel] .conversation > li"), 2));
    assertAccessible("conversation, English");
    screenshot("appeal-console-conversation");
    assertNoScriptRan();

    // ... which reviewer1 answers in Tasklist
    tasklistLogin("reviewer1");
    openTask(pluginId, "userTask_answerDeveloper");
    assertThat(fieldValue("The rejection and the conversation since (驳回与沟通记录)"))
        .contains("reviewer1 rejected it", "It is linked from the about screen " + PAYLOAD_IMG);
    WebElement answer = browser.findElement(By.xpath("//label[contains(., 'Your answer')]/following::textarea[1]"));
    answer.sendKeys("The policy must be linked from the basic info");
    complete();
    assertNoScriptRan();

    // the developer reads the answer and appeals
    consoleLogin("dev1");
    openPlugin(pluginId);
    click(By.cssSelector(row + "[data-action=CONVERSATION]"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-panel] .conversation > li"), 3));
    assertThat(text(By.cssSelector("[data-panel] .conversation > li:last-child"))).contains("reviewer1",
        "The policy must be linked from the basic info");
    action(row, "APPEAL");
    type(By.cssSelector("[data-panel] .appeal-form textarea"), "The standard asks for a policy, not where it is linked");
    click(By.cssSelector("[data-panel] .appeal-form button[type=submit]"));
    wait.until(ExpectedConditions.textToBe(By.cssSelector(row + ".badge.appeal"), "Appeal waiting for a review lead"));
    assertThat(browser.findElements(By.cssSelector(row + "[data-action=SUBMIT]"))).as("nothing changes meanwhile")
        .isEmpty();

    // the rejecting reviewer cannot see the appeal; lead1 reverses the rejection in Tasklist
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, "1.0.0"))
        .taskDefinitionKey(ReviewProcess.USER_TASK_DECIDE_APPEAL).taskCandidateUser("reviewer1").count()).isZero();
    tasklistLogin("lead1");
    openTask(pluginId, ReviewProcess.USER_TASK_DECIDE_APPEAL);
    assertThat(fieldValue("The developer's appeal (申诉理由)")).contains("not where it is linked");
    claim();
    radio("Reverse the rejection: approve (撤销驳回，审核通过)");
    WebElement reply = browser.findElement(By.xpath("//label[contains(., 'Answer to the developer')]/following::textarea[1]"));
    reply.sendKeys("Agreed: the policy is there");
    screenshot("appeal-tasklist-decision");
    complete();

    consoleLogin("dev1");
    openPlugin(pluginId);
    waitForStatus(row, "APPROVED");
    assertThat(text(By.cssSelector(row + ".badge.appeal"))).isEqualTo("Approved on appeal");
    assertThat(browser.findElements(By.cssSelector(row + ".actions > button.primary")))
        .extracting(b -> b.getAttribute("data-action")).containsExactly("RELEASE");
    screenshot("appeal-console-approved");
  }

  private void assertAccessible(String where) {
    List<String> violations = new AxeBuilder().analyze(browser).getViolations().stream()
        .filter(rule -> List.of("serious", "critical").contains(rule.getImpact()))
        .map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " "
            + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList())
        .toList();
    assertThat(violations).as(where).isEmpty();
  }

  /** Elements whose right edge lies beyond the window, or a page wider than the window. */
  @SuppressWarnings("unchecked")
  private List<String> overflowing() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "const w = document.documentElement.clientWidth;"
            + "const out = [...document.querySelectorAll('body *')].filter(e => {"
            + "  const r = e.getBoundingClientRect(); return e.checkVisibility() && r.width > 0 && r.right > w + 1; })"
            + "  .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30));"
            + "if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);"
            + "return out.slice(0, 10);");
  }

  // ------------------------------------------------------------------ console

  private void consoleLogin(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/"));
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.setItem('lang', 'en');");
    browser.get(url("/"));
    type(By.id("login-username"), user);
    type(By.id("login-password"), user);
    click(By.id("login-submit"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
  }

  /** From the list of plugins, a page at a time, to the plugin's own page. */
  private void openPlugin(String pluginId) {
    browser.get(url("/#/plugins/" + pluginId));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-plugin='" + pluginId + "']")));
  }

  /** A version's action: its main button, or one under its "More" menu, which opens first. */
  private void action(String row, String action) {
    By button = By.cssSelector(row + "[data-action=" + action + "]");
    if (browser.findElements(button).stream().noneMatch(WebElement::isDisplayed)) {
      click(By.cssSelector(row + ".more > summary"));
    }
    click(button);
  }

  private void waitForStatus(String row, String status) {
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(row.trim()), "data-status", status));
  }

  // ------------------------------------------------------------------ Tasklist

  private void tasklistLogin(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/camunda/app/tasklist/"));
    type(By.cssSelector("input[ng-model=username]"), user);
    type(By.cssSelector("input[ng-model=password]"), user);
    click(By.cssSelector("button[type=submit]"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
    // our product's name, and no end-of-life banner for reviewers (Tasklist's config.js and user stylesheet)
    assertThat(text(By.cssSelector(".navbar-brand"))).contains("Plugin review");
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).noneMatch(WebElement::isDisplayed);
  }

  private void cockpitLogin(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/camunda/app/cockpit/"));
    type(By.cssSelector("input[ng-model=username]"), user);
    type(By.cssSelector("input[ng-model=password]"), user);
    click(By.cssSelector("button[type=submit]"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText("Processes")));
  }

  /**
   * Opens the shared queue, as /reviews does, and checks this review's card: it names the plugin and
   * version, and shows who submitted it. Other tests leave reviews open; this one is raised as an overdue
   * review would be, so that it comes first in the queue's order.
   */
  private void openReview(String pluginId) throws IOException {
    Task task = taskService.createTaskQuery()
        .processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, "1.0.0"))
        .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).singleResult();
    task.setPriority(99);
    taskService.saveTask(task);
    String taskId = task.getId();
    browser.get(url("/reviews"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.partialLinkText("Plugin reviews")));
    By card = By.xpath("//li[contains(@class, 'task')][.//a[@href='#/?task=" + taskId + "']]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "dev1"));
    assertThat(text(card)).contains("Review " + pluginId + " 1.0.0", "Plugin", pluginId + " (", "Version", "1.0.0",
        "Submitter", "dev1");
    if (!queueShown) {
      screenshot("tasklist-queue");
      queueShown = true;
    }
    click(By.cssSelector(".tasks-list li.task a[href='#/?task=" + taskId + "']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[normalize-space(.)='Plugin']")));
    assertThat(fieldValue("Plugin")).startsWith(pluginId + " ");
    claim();
  }

  private void claim() {
    click(By.xpath("//*[self::a or self::button][normalize-space(.)='Claim']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//*[self::a or self::button][normalize-space(.)='Claim']")));
  }

  /** Opens a task of the journey's version directly, as a link from the console would. */
  private void openTask(String pluginId, String taskDefinitionKey) {
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, "1.0.0"))
        .taskDefinitionKey(taskDefinitionKey).singleResult().getId();
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + taskId));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[normalize-space(.)='Plugin']")));
  }

  private String fieldValue(String label) {
    WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[normalize-space(.)=\"" + label + "\"]/following::*[self::input or self::textarea][1]")));
    return field.getAttribute("value");
  }

  private void radio(String label) {
    WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[normalize-space(.)='" + label + "']//input[@type='radio'] | //label[normalize-space(.)='"
            + label + "']/preceding-sibling::input[@type='radio'][1] | //input[@type='radio'][following-sibling::*[1][normalize-space(.)='" + label + "']]")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", input);
  }

  private void complete() {
    WebElement button = browser.findElements(By.xpath("//button[normalize-space(.)='Complete']")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElseThrow();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "Select a task in the list"));
  }

  // ------------------------------------------------------------------ helpers

  private void assertNoScriptRan() {
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /**
   * Clicks once the element is there, scrolled to the middle of the window (a long queue puts it under
   * Tasklist's footer); the console re-renders after each action, so a stale find is retried.
   */
  private void click(By by) {
    wait.ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  private void type(By by, String text) {
    WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    field.clear();
    field.sendKeys(text);
  }

  private String text(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
  }

  private void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
  }
}
