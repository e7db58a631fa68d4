package org.bioinstruct.infra.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium, fed by a real KRaft broker: the page loads
 * with its charts, a metric published to the eval topic appears on it, and the report reads it back. With
 * {@code -Ddashboard.screenshot=docs/images/dashboard.png} it first publishes a realistic run and saves a screenshot.
 * Chromium and chromedriver are required: {@code apt-get install -y chromium chromium-driver}.
 */
class DashboardIT {
    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    static final String REGISTRY = "mock://dashboard-it";
    static final Map<String, Object> SERDE = Map.of("schema.registry.url", REGISTRY);
    static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    @RegisterExtension
    static final SingleNodeKafka kafka = SingleNodeKafka.perClass();
    static KafkaProducer<byte[], byte[]> producer;

    @TempDir
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            fail("the dashboard test needs Debian's chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver");
        }
        kafka.createTopics(TOPICS.trainingMetrics(), TOPICS.evalMetrics(), TOPICS.accepted(), TOPICS.rejected(),
                TOPICS.shardsReady());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void pageLoadsAndShowsAnEvalMetricPublishedToTheTopic() throws Exception {
        String screenshot = System.getProperty("dashboard.screenshot", "");
        DashboardState state = new DashboardState();
        try (DashboardFeed feed = new DashboardFeed(kafka.bootstrapServers(), Map.of(), SERDE, TOPICS, state);
             DashboardServer server = DashboardServer.start("127.0.0.1", 0, state)) {
            feed.start();
            WebDriver browser = chromium();
            try {
                browser.get(server.uri().toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(b -> b.findElement(By.id("status")).getText().startsWith("live"));
                assertEquals("function", ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript("return typeof Chart"), "Chart.js served from the WebJar");
                assertTrue(browser.findElements(By.cssSelector("#eval-table tbody tr")).isEmpty());

                if (!screenshot.isEmpty()) {
                    publishRealisticRun();
                }
                send(TOPICS.evalMetrics(), "7", metric(7, Category.QA, "all", "score", 0.7346, 0.5012));
                By row = By.cssSelector("#eval-table tr[data-key='heldout/QA/all/score']");
                wait.until(b -> !b.findElements(row).isEmpty()
                        && b.findElement(row).getText().contains("0.7346"));
                String text = browser.findElement(row).getText();
                assertTrue(text.contains("0.5012") && text.contains("+46.6%") && text.contains("v7"), text);

                // the report command's path: the same topic read back into the paper-style table
                EvalReport report = EvalReport.newest(EvalMetricsReader.readAll(kafka.bootstrapServers(), Map.of(), SERDE,
                        TOPICS.evalMetrics())).orElseThrow();
                assertEquals(7, report.version());
                assertTrue(report.markdown().contains("| QA | 0.5012 | 0.7346 | +46.6% | 16 |"), report.markdown());

                if (!screenshot.isEmpty()) {
                    wait.until(b -> b.findElement(By.id("status")).getText().contains("eval figures"));
                    Thread.sleep(1000);
                    File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                    Path target = Path.of(screenshot).toAbsolutePath();
                    Files.createDirectories(target.getParent());
                    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1500", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** A few adapter versions of a run whose scores rise, with the training and pipeline records behind them. */
    private static void publishRealisticRun() throws Exception {
        for (int step = 1; step <= 240; step++) {
            double loss = 3.1 * Math.exp(-step / 70.0) + 0.55 + 0.08 * Math.sin(step * 0.9);
            double tps = 1850 + 120 * Math.sin(step / 9.0) + 40 * Math.cos(step * 1.7);
            send(TOPICS.trainingMetrics(), "run-demo", TrainingMetric.newBuilder().setRunId("run-demo")
                    .setAdapterVersion(1 + step / 60).setShardId("train-" + (step / 30)).setStep(step).setLoss(loss)
                    .setLearningRate(3e-4).setTokensPerSecond(tps).setGradNorm(1.0).setTimestamp(Instant.now()).build());
        }
        // versions 1-7; the test itself publishes v7's QA score
        double[][] scores = {{0.52, 0.18, 0.21}, {0.58, 0.24, 0.25}, {0.63, 0.29, 0.27}, {0.66, 0.33, 0.30},
                {0.69, 0.36, 0.31}, {0.71, 0.38, 0.33}, {Double.NaN, 0.41, 0.34}};
        double[] base = {0.5012, 0.12, 0.17};
        Category[] categories = {Category.QA, Category.IE, Category.GEN};
        for (int v = 0; v < scores.length; v++) {
            for (int c = 0; c < categories.length; c++) {
                if (!Double.isNaN(scores[v][c])) {
                    send(TOPICS.evalMetrics(), Integer.toString(v + 1), metric(v + 1, categories[c], "all", "score",
                            scores[v][c], base[c]));
                }
            }
        }
        send(TOPICS.evalMetrics(), "7", metric(7, Category.QA, "multiple_choice", "acc", 0.8125, 0.5625));
        send(TOPICS.evalMetrics(), "7", metric(7, Category.QA, "short_answer", "exact_match", 0.4375, 0.25));
        send(TOPICS.evalMetrics(), "7", metric(7, Category.IE, "entities", "f1", 0.4512, 0.1390));
        send(TOPICS.evalMetrics(), "7", metric(7, Category.GEN, "generation", "rougeL", 0.3390, 0.1702));
        String[] categoryNames = {"QA", "QA", "QA", "IE", "IE", "GEN", "GEN", "OTHER"};
        for (int i = 0; i < 160; i++) {
            send(TOPICS.accepted(), "a" + i, AcceptedInstruction.newBuilder().setId("a" + i).setRunId("run-demo")
                    .setInstruction("i").setOutput("o").setCategory(Category.valueOf(categoryNames[i % categoryNames.length]))
                    .setCategoryConfidence(0.9).setSource("synthetic").setCreatedAt(Instant.now())
                    .setAcceptedAt(Instant.now()).build());
        }
        String[] reasons = {"DUPLICATE_EXACT", "DUPLICATE_NEAR", "DUPLICATE_NEAR", "TOO_SHORT", "BLACKLISTED_WORD"};
        for (int i = 0; i < 45; i++) {
            send(TOPICS.rejected(), "r" + i, RejectedInstruction.newBuilder().setId("r" + i).setRunId("run-demo")
                    .setInstruction("i").setOutput("o").setSource("synthetic").setReason(reasons[i % reasons.length])
                    .setDetail("").setCreatedAt(Instant.now()).setRejectedAt(Instant.now()).build());
        }
        for (int s = 0; s < 8; s++) {
            Split split = s % 4 == 3 ? Split.EVAL : Split.TRAIN;
            send(TOPICS.shardsReady(), "shard-" + s, ShardManifest.newBuilder().setShardId("shard-" + s)
                    .setUri("file:///tmp/shard-" + s + ".jsonl").setSplit(split).setRecordCount(20)
                    .setCategoryCounts(s % 2 == 0 ? Map.of("QA", 9, "IE", 6, "GEN", 5) : Map.of("QA", 12, "GEN", 8))
                    .setSha256("0").setByteSize(1000).setCreatedAt(Instant.now()).build());
        }
    }

    private static EvalMetric metric(int version, Category category, String task, String name, double value, double baseline) {
        return EvalMetric.newBuilder().setAdapterVersion(version).setRunId("run-demo").setSuite("heldout").setTask(task)
                .setCategory(category).setMetric(name).setValue(value).setBaseline(baseline)
                .setGain((value - baseline) / baseline).setN(16).setTimestamp(Instant.now()).build();
    }

    private static <V> void send(TopicSpec<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde(SERDE).serializer().serialize(topic.name(), value))).get();
    }
}
