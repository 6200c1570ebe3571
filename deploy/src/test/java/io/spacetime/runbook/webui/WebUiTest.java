package io.spacetime.runbook.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.e2e.DevServer;
import io.spacetime.runbook.e2e.E2eSandbox;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.worker.RunbookHome;
import io.spacetime.runbook.worker.RunbookWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's "Starting runs from the Temporal Web UI", done by a person's browser: headless
 * Chromium drives the real dev server's Web UI (2.54.1) while an in-process worker runs the
 * deployments against a two-host sandbox over real SSH. One deployment is started from the Start
 * Workflow form and found in the list filtered by our search attributes; an emergency deployment
 * outside its window is approved with the {@code approveEmergency} update from the workflow page.
 *
 * <p>Screenshots of every stage go to {@code target/webui-screenshots/} (and the page source of a
 * failure next to them). Skipped only when Chromium, chromedriver or the temporal CLI is missing;
 * {@code .ci/run} installs all three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {

  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String TASK_QUEUE = "runbooks";
  private static final String NAMESPACE = "default";
  /** Deployment windows not enforced: a plain deployment goes straight through. */
  private static final String ENV = "webui";
  /** Enforced with no standard window: now is always outside, an emergency run waits for approval. */
  private static final String EMERGENCY_ENV = "webui-outside-window";
  private static final int SUBNET = 96;
  private static final Duration UI_WAIT = Duration.ofSeconds(20);
  private static final Duration RUN_WAIT = Duration.ofSeconds(60);
  private static final Path SCREENSHOTS = Path.of("target", "webui-screenshots").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private DevServer server;
  private Sandbox sandbox;
  private TemporalConnection connection;
  private RunbookWorker worker;
  private ChromeDriver browser;

  /** On a failure: what the browser showed, and the DOM it had, for the person reading the report. */
  @RegisterExtension
  final AfterTestExecutionCallback evidenceOnFailure = context -> {
    if (context.getExecutionException().isPresent() && browser != null) {
      String name = "FAILED-" + context.getRequiredTestMethod().getName();
      screenshot(name);
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
    }
  };

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium missing: apt-get install chromium (bash .ci/run does)");
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver missing: apt-get install chromium-driver (.ci/run does)");
    Files.createDirectories(SCREENSHOTS);
    dir = Files.createTempDirectory("runbook-webui-");
    // Chromium, the sandbox's service JVMs and the dev server boot side by side: mostly waiting.
    Path environments = dir.resolve("environments");
    CompletableFuture<ChromeDriver> chromium = CompletableFuture.supplyAsync(() -> startBrowser(dir.resolve("chromium-profile")));
    CompletableFuture<Sandbox> hosts = CompletableFuture.supplyAsync(() -> startSandbox(environments));
    try {
      Files.createDirectories(dir.resolve("temporal"));
      server = DevServer.start(dir.resolve("temporal")); // skips the class when the temporal CLI is missing
    } finally {
      // Whatever did start is stopped by stop(), also when something else failed.
      sandbox = hosts.exceptionally(e -> null).join();
      browser = chromium.exceptionally(e -> null).join();
    }
    hosts.join();
    chromium.join();
    E2eSandbox.tighten(sandbox.environmentFile());
    E2eSandbox.neverInsideTheWindow(sandbox, EMERGENCY_ENV);

    // Hermetic: not whatever TEMPORAL_* or RUNBOOK_TASK_QUEUE the shell running the build has.
    connection = TemporalConnection.open(TemporalSettings.from(Map.of()).withAddress(server.address())
        .withNamespace(NAMESPACE).withTaskQueue(TASK_QUEUE));
    worker = RunbookWorker.start(connection.client(), TASK_QUEUE, new RunbookHome(dir, List.of(environments)));
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(1)); // nothing is in flight any more
    }
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  @Timeout(value = 100, unit = TimeUnit.SECONDS)
  void startsADeploymentFromTheStartWorkflowFormAndSeesItSucceedInTheFilteredList() throws Exception {
    sandbox.stageRelease("v2.5.0");
    String workflowId = "deploy-" + ENV + "-v2.5.0-" + UUID.randomUUID().toString().substring(0, 8);
    String input = "{\"environment\":\"" + ENV + "\",\"version\":\"v2.5.0\"}";

    browser.get(ui("/namespaces/" + NAMESPACE + "/workflows"));
    // The link carries a query string (?workflowId=&runId=...): match the path, not the end.
    visible(By.cssSelector("a[href*=\"/workflows/start-workflow\"]")).click();
    visible(By.id("workflowId")).sendKeys(workflowId);
    visible(By.id("taskQueue")).sendKeys(TASK_QUEUE);
    visible(By.id("workflowType")).sendKeys(DeploymentWorkflow.TYPE);
    WebElement editor = visible(By.cssSelector("[contenteditable][aria-label=\"Data\"]"));
    typeJson(editor, input);
    blur(editor);
    assertThat(JSON.readTree(editorText(editor))).isEqualTo(JSON.readTree(input));
    screenshot("01-start-form-filled");

    clickable(By.cssSelector("button[data-testid=\"start-workflow-button\"]")).click();
    toast("Workflow started successfully");
    screenshot("02-after-start");

    DeploymentResult result = client().newUntypedWorkflowStub(workflowId)
        .getResult(RUN_WAIT.toSeconds(), TimeUnit.SECONDS, DeploymentResult.class);
    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    for (SandboxHost host : sandbox.hosts()) {
      assertThat(sandbox.status(host).version()).isEqualTo("v2.5.0");
    }

    String query = "Environment=\"" + ENV + "\" AND Outcome=\"SUCCEEDED\"";
    awaitVisibility(query, workflowId);
    browser.get(ui("/namespaces/" + NAMESPACE + "/workflows?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")));
    visible(By.cssSelector("a[href*=\"/workflows/" + workflowId + "/\"]"));
    screenshot("03-list-filtered");
  }

  @Test
  @Timeout(value = 100, unit = TimeUnit.SECONDS)
  void approvesAWaitingEmergencyDeploymentThroughTheUi() throws Exception {
    sandbox.stageRelease("v2.6.0");
    String workflowId = "deploy-" + EMERGENCY_ENV + "-v2.6.0-" + UUID.randomUUID().toString().substring(0, 8);
    DeploymentWorkflow run = client().newWorkflowStub(DeploymentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(run::deploy,
        new DeploymentRequest(EMERGENCY_ENV, "v2.6.0", false, true, "CVE-2026-0001 in the scene parser", "webui-test"));

    Progress waiting = new FluentWait<>(run).withTimeout(RUN_WAIT).pollingEvery(Duration.ofMillis(200))
        .withMessage("the deployment to wait for the approveEmergency update")
        .until(r -> {
          Progress p = r.progress();
          return p.waitingFor() != null && p.waitingFor().contains("approveEmergency") ? p : null;
        });
    assertThat(waiting.outcome()).isNull();

    browser.get(ui("/namespaces/" + NAMESPACE + "/workflows/" + workflowId));
    visible(By.xpath("//*[normalize-space(text())='" + workflowId + "']"));
    screenshot("04-workflow-page");

    visible(By.xpath("//button[normalize-space(.)='More Actions' or @aria-label='More Actions']")).click();
    visible(By.cssSelector("[data-testid=\"update-button\"]")).click();
    WebElement dialog = visible(By.cssSelector("dialog[open]"));
    chooseUpdate(dialog, "approveEmergency");
    WebElement editor = visibleIn(dialog, By.cssSelector("[contenteditable]"));
    String approval = "{\"approver\":\"Dana\",\"reason\":\"CVE fix\"}";
    typeJson(editor, approval);
    blur(editor);
    assertThat(JSON.readTree(editorText(editor))).isEqualTo(JSON.readTree(approval));
    screenshot("05-update-dialog");

    visibleIn(dialog, By.cssSelector("[data-testid=\"confirm-modal-button\"]")).click();
    toast("Update successful");

    DeploymentResult result = WorkflowStub.fromTyped(run)
        .getResult(RUN_WAIT.toSeconds(), TimeUnit.SECONDS, DeploymentResult.class);
    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(run.report()).as("the full report (the report query)").contains("approved by Dana (CVE fix)");
    for (SandboxHost host : sandbox.hosts()) {
      assertThat(sandbox.status(host).version()).isEqualTo("v2.6.0");
    }
    browser.navigate().refresh();
    visible(By.xpath("//*[normalize-space(text())='Completed']"));
    screenshot("06-after-approval");
  }

  // --- the browser ---------------------------------------------------------------------------

  private static ChromeDriver startBrowser(Path profile) {
    // Selenium Manager must never try to download a browser or driver (CI is offline too).
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1440,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .withEnvironment(Map.of("SE_OFFLINE", "true"))
        .withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile())
        .build();
    return new ChromeDriver(service, options);
  }

  private Sandbox startSandbox(Path environments) {
    try {
      return Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(environments).environmentName(ENV)
          .hosts(2).subnet(SUBNET).deleteOnClose(true).start();
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private String ui(String path) {
    return server.uiUrl() + path;
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, UI_WAIT, Duration.ofMillis(100));
  }

  /** The first displayed match: the UI renders some buttons and dialogs twice, one hidden. */
  private WebElement visible(By by) {
    return waiting().withMessage("a visible " + by).until(d -> firstDisplayed(d.findElements(by)));
  }

  private WebElement visibleIn(WebElement scope, By by) {
    return waiting().withMessage("a visible " + by + " in the dialog").until(d -> firstDisplayed(scope.findElements(by)));
  }

  /** The innermost visible element with the toast's text. */
  private void toast(String text) {
    visible(By.xpath("//*[contains(normalize-space(.), '" + text + "') and not(*[contains(normalize-space(.), '" + text + "')])]"));
  }

  private WebElement clickable(By by) {
    return waiting().withMessage("an enabled, visible " + by)
        .until(d -> firstDisplayed(d.findElements(by).stream().filter(WebElement::isEnabled).toList()));
  }

  private static WebElement firstDisplayed(List<WebElement> elements) {
    return elements.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  /**
   * Types into a CodeMirror editor like a person. CodeMirror closes brackets and quotes as you
   * type and steps over a closing character typed where it already is, so the text comes out as
   * typed; whatever was there before is selected and replaced.
   */
  private void typeJson(WebElement editor, String json) {
    editor.click();
    editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    editor.sendKeys(json);
  }

  /** The Start button moves when the editor reformats on blur; a click while it has focus is lost. */
  private void blur(WebElement editor) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].blur();", editor);
    waiting().withMessage("the JSON editor to lose focus")
        .until(d -> !editor.equals(d.switchTo().activeElement()));
  }

  private static String editorText(WebElement editor) {
    return editor.findElements(By.cssSelector(".cm-line")).stream().map(WebElement::getText)
        .reduce("", (a, b) -> a + "\n" + b);
  }

  /**
   * Once the worker has reported the workflow's update handlers, the name is a custom select (a
   * button opening a listbox; its inner input is disabled); before that, a text field.
   */
  private void chooseUpdate(WebElement dialog, String name) {
    Optional<WebElement> select = dialog.findElements(By.cssSelector("[data-testid=\"update-select-button\"]"))
        .stream().filter(WebElement::isDisplayed).findFirst();
    if (select.isPresent()) {
      select.get().click();
      visibleIn(dialog, By.xpath(".//li[@role='option'][.//span[normalize-space(.)='" + name + "']]")).click();
      waiting().withMessage("the update select to show " + name).until(d ->
          name.equals(dialog.findElement(By.cssSelector("[data-testid=\"update-select\"]")).getDomProperty("value")));
    } else {
      visibleIn(dialog, By.id("update-name")).sendKeys(name);
    }
  }

  private void screenshot(String name) throws Exception {
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  // --- Temporal and the sandbox --------------------------------------------------------------

  private WorkflowClient client() {
    return connection.client();
  }

  /** The list page shows what visibility has indexed, a moment after the run closed. */
  private void awaitVisibility(String query, String workflowId) {
    try {
      new FluentWait<>(client()).withTimeout(UI_WAIT).pollingEvery(Duration.ofMillis(200))
          .until(c -> c.listExecutions(query).anyMatch(e -> e.getExecution().getWorkflowId().equals(workflowId)));
    } catch (TimeoutException e) {
      throw new AssertionError(workflowId + " never matched " + query + " in visibility", e);
    }
  }


  /** The same hosts, but with deployment windows enforced and none configured: always outside. */
}
