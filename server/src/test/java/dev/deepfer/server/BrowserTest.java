package dev.deepfer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser: Debian's headless Chromium driven through Debian's chromium-driver
 * (both given by path, so Selenium Manager never looks for or downloads a driver), against a real
 * server with the default bundle. A photo upload must render "angry" as the top label for
 * angry_man.jpg and show the face's Grad-CAM overlay when "Explain" is clicked, and the webcam mode, fed by Chromium's fake camera playing a Y4M clip made from
 * the same photo, must render live results. Screenshots of both states go to target/screenshots, or
 * to the directory named by {@code -Ddeepfer.screenshots=../local} (so a plain test run leaves the
 * work tree clean). They show a shared sample photo, so they are never committed (README, "Getting
 * FER2013").
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DOCS = Path.of(System.getProperty("deepfer.screenshots", "target/screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RealServer real;
    private static DeepferServer server;
    private static Path angryMan;

    @TempDir
    Path tmp;

    private WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        // driver given by path below, so Selenium Manager is skipped; should it ever run, keep it offline
        System.setProperty("SE_OFFLINE", "true");
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        real = RealServer.start();
        server = real.server();
        angryMan = RealServer.angryMan();
        assumeTrue(Files.isRegularFile(angryMan), "no " + angryMan);
    }

    @AfterAll
    static void stop() {
        if (real != null) {
            real.close();
        }
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void uploadedPhotoRendersItsTopLabel() throws IOException {
        driver = chromium(List.of());
        driver.get(server.uri().toString());

        driver.findElement(By.id("file")).sendKeys(angryMan.toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        String top = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#faces li h3"))).getText();
        wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("ms\\)$")));

        assertThat(top).startsWith("Face 1:").contains("angry");
        assertThat(driver.findElement(By.id("summary")).getText()).contains("angry");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("limit")).getText()).as("the hint shows the server's limits")
                .isEqualTo("10 MB and 40 megapixels");
        assertBoxDrawnWhereTheApiPutsIt();
        screenshot("browser-upload.png");

        // on demand, the face's Grad-CAM overlay appears under its bars
        driver.findElement(By.cssSelector("#faces li .explain-toggle")).click();
        String overlay = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#faces li img.explain-overlay")))
                .getAttribute("src");
        assertThat(overlay).startsWith("data:image/png;base64,");
        screenshot("browser-explain.png");

        // a file the server refuses: the error, and none of the earlier photo's faces left in the list
        Path notAnImage = Files.writeString(tmp.resolve("not-an-image.png"), "just text");
        driver.findElement(By.id("file")).sendKeys(notAnImage.toString());
        wait.until(ExpectedConditions.textToBe(By.id("summary"), "Not recognised."));
        assertThat(driver.findElement(By.id("error")).getText()).contains("unsupported_format");
        assertThat(driver.findElements(By.cssSelector("#faces li"))).isEmpty();
    }

    /**
     * A webcam start that a switch to Photo overtakes while the camera is being opened, after a
     * double click on Start: one camera is asked for, and it is stopped when it arrives, so no camera
     * stays on behind the photo panel. The test holds getUserMedia's answer until Photo was clicked.
     */
    @Test
    void aWebcamStartOvertakenByPhotoModeLeavesNoCameraOn() throws IOException {
        Path clip = tmp.resolve("grey.y4m");
        writeY4m(new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR), 160, 120, 2, clip);
        driver = chromium(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + clip));
        driver.get(server.uri().toString());
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("const md = navigator.mediaDevices; const open = md.getUserMedia.bind(md);"
                + "window.asked = 0; window.streams = []; window.releases = [];"
                + "window.release = () => window.releases.forEach((r) => r());"
                + "md.getUserMedia = (c) => { window.asked++;"
                + "  return new Promise((r) => window.releases.push(r)).then(() => open(c))"
                + "    .then((s) => { window.streams.push(s); return s; }); };");

        driver.findElement(By.id("mode-webcam")).click();
        driver.findElement(By.id("cam-toggle")).click();
        driver.findElement(By.id("cam-toggle")).click(); // a double click
        assertThat(((Number) js.executeScript("return window.asked")).intValue()).as("one camera asked for")
                .isEqualTo(1);
        driver.findElement(By.id("mode-photo")).click();
        assertThat(((Number) js.executeScript("return window.streams.length")).intValue())
                .as("the camera is still opening when Photo is chosen").isZero();
        js.executeScript("window.release()");

        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> ((Number) js.executeScript("return window.streams.length")).intValue() >= 1);
        wait.until(d -> (Boolean) js.executeScript(
                "return window.streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended'))"));
        assertThat((Boolean) js.executeScript("return cam.running")).isFalse();
        assertThat(driver.findElement(By.id("cam-toggle")).getDomProperty("textContent"))
                .as("hidden, so read from the DOM").isEqualTo("Start webcam");
        assertThat(driver.findElement(By.id("webcam-panel")).isDisplayed()).isFalse();
    }

    @Test
    void webcamModeRendersLiveResultsFromTheFakeCamera() throws IOException {
        Path clip = tmp.resolve("angry_man.y4m");
        writeY4m(ImageIO.read(angryMan.toFile()), 640, 480, 10, clip);
        driver = chromium(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + clip));
        driver.get(server.uri().toString());

        driver.findElement(By.id("mode-webcam")).click();
        driver.findElement(By.id("cam-toggle")).click();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        // fps is written after every rendered result; a rate needs two of them within 3 s
        wait.until(ExpectedConditions.textMatches(By.id("fps"), Pattern.compile("^[0-9.]*[1-9][0-9.]* frames/s$")));
        // live mode redraws the panel every frame: read texts inside the wait, retrying stale elements
        String top = liveText(wait, By.cssSelector("#faces li h3"));

        assertThat(driver.findElement(By.id("cam-toggle")).getText()).isEqualTo("Stop webcam");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(top).startsWith("Face 1:").contains("angry");
        assertThat(liveText(wait, By.id("summary"))).contains("angry");
        screenshot("browser-webcam.png");
        driver.findElement(By.id("cam-toggle")).click();
    }

    @Test
    void aPhotoSentToAServerThatWentAwayShowsAnErrorInsteadOfRecognisingForever() throws IOException {
        DeepferServer gone = DeepferServer.start(ServerConfig.defaults(0), new ServerPolicyTest.FakeRecognizer(false));
        driver = chromium(List.of());
        driver.get(gone.uri().toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("health"), "model ready"));
        gone.stop();

        driver.findElement(By.id("file")).sendKeys(angryMan.toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));

        assertThat(driver.findElement(By.id("error")).getText()).startsWith("Server unreachable");
        assertThat(driver.findElement(By.id("summary")).getText()).isEqualTo("Not recognised.");
    }

    /**
     * A server with a token: the model panel asks for it once; after Cancel, the health poll (every
     * 2 s) does not open the dialog again (it did, for ever), while a photo, something the user
     * does, asks again; the token given then is used and the model panel fills in.
     */
    @Test
    void aCancelledTokenDialogIsNotReopenedByThePollButAPhotoAsksAgain() throws IOException {
        DeepferServer guarded = DeepferServer.start(ServerConfig.defaults(0).withToken("s3cret"),
                new ServerPolicyTest.FakeRecognizer(false));
        try {
            driver = chromium(List.of());
            driver.get(guarded.uri().toString());
            JavascriptExecutor js = (JavascriptExecutor) driver;
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> (Boolean) js.executeScript("return $('token-dialog').open"));
            driver.findElement(By.cssSelector("#token-form button[value=cancel]")).click();
            wait.until(ExpectedConditions.textMatches(By.id("model"), Pattern.compile("unauthorized")));
            long polls = 3;
            for (long end = System.nanoTime() + polls * 2_500_000_000L; System.nanoTime() < end; ) {
                assertThat((Boolean) js.executeScript("return $('token-dialog').open"))
                        .as("the dialog stays closed while the health poll runs").isFalse();
                sleep(200);
            }

            driver.findElement(By.id("file")).sendKeys(angryMan.toString());
            wait.until(d -> (Boolean) js.executeScript("return $('token-dialog').open"));
            driver.findElement(By.id("token")).sendKeys("s3cret");
            driver.findElement(By.id("token-ok")).click();
            wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("^No face found\\. \\(4x3, \\d+ ms\\)$")));
            wait.until(ExpectedConditions.textMatches(By.id("model"), Pattern.compile("fake")));
        } finally {
            guarded.stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The face's box is stroked in its emotion's colour where the API puts it, scaled to the canvas:
     * the middle of its left and top edges carry the colour, a point a tenth of the box inside the
     * left edge does not (a wrong scale factor, say the canvas height over the image width, misses
     * the edges).
     */
    private void assertBoxDrawnWhereTheApiPutsIt() throws IOException {
        com.fasterxml.jackson.databind.JsonNode result;
        try {
            result = new Http(server.uri()).postRaw(Files.readAllBytes(angryMan), "image/jpeg").json();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        com.fasterxml.jackson.databind.JsonNode box = result.path("faces").get(0).path("box");
        String emotion = result.path("faces").get(0).path("emotion").asText();
        double x = box.path("x").asDouble();
        double y = box.path("y").asDouble();
        double w = box.path("width").asDouble();
        double h = box.path("height").asDouble();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String script = "const c = $('canvas'); const k = c.width / arguments[0];"
                + "const at = (px, py) => Array.from(c.getContext('2d').getImageData(Math.round(px * k),"
                + "  Math.round(py * k), 1, 1).data.slice(0, 3));"
                + "return [at(arguments[1], arguments[2]), at(arguments[3], arguments[4]), at(arguments[5], arguments[6]),"
                + "  getComputedStyle(document.documentElement).getPropertyValue('--' + arguments[7]).trim()];";
        List<?> got = (List<?>) js.executeScript(script, result.path("width").asDouble(), x, y + h / 2, x + w / 2, y,
                x + w / 10, y + h / 2, emotion);
        Color expected = Color.decode((String) got.get(3));
        assertThat(distance(got.get(0), expected)).as("left edge in %s's colour", emotion).isLessThan(60);
        assertThat(distance(got.get(1), expected)).as("top edge (the label sits on it, same colour)").isLessThan(60);
        assertThat(distance(got.get(2), expected)).as("a tenth inside the left edge: the face").isGreaterThan(60);
    }

    private static double distance(Object rgb, Color c) {
        List<?> v = (List<?>) rgb;
        double dr = ((Number) v.get(0)).doubleValue() - c.getRed();
        double dg = ((Number) v.get(1)).doubleValue() - c.getGreen();
        double db = ((Number) v.get(2)).doubleValue() - c.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** The non-empty text of an element that may be replaced while it is read. */
    private static String liveText(WebDriverWait wait, By locator) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(locator).getText();
            return text.isBlank() ? null : text;
        });
    }

    private WebDriver chromium(List<String> extra) throws IOException {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1150", "--user-data-dir=" + profile));
        args.addAll(extra);
        options.addArguments(args);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(DOCS);
        Files.copy(shot.toPath(), DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A Y4M clip (4:2:0, BT.601 full range) of {@code frames} identical frames: the photo scaled
     * to fit {@code width}x{@code height} on grey, which Chromium's fake camera plays in a loop.
     */
    static void writeY4m(BufferedImage photo, int width, int height, int frames, Path out) throws IOException {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        double k = Math.min((double) width / photo.getWidth(), (double) height / photo.getHeight());
        int w = (int) Math.round(photo.getWidth() * k);
        int h = (int) Math.round(photo.getHeight() * k);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();

        byte[] y = new byte[width * height];
        byte[] u = new byte[(width / 2) * (height / 2)];
        byte[] v = new byte[u.length];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int rgb = canvas.getRGB(col, row);
                int r = (rgb >> 16) & 0xff, gr = (rgb >> 8) & 0xff, b = rgb & 0xff;
                y[row * width + col] = clip(0.299 * r + 0.587 * gr + 0.114 * b);
            }
        }
        for (int row = 0; row < height / 2; row++) {
            for (int col = 0; col < width / 2; col++) {
                double r = 0, gr = 0, b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int rgb = canvas.getRGB(2 * col + dx, 2 * row + dy);
                        r += (rgb >> 16) & 0xff;
                        gr += (rgb >> 8) & 0xff;
                        b += rgb & 0xff;
                    }
                }
                r /= 4;
                gr /= 4;
                b /= 4;
                u[row * (width / 2) + col] = clip(128 - 0.168736 * r - 0.331264 * gr + 0.5 * b);
                v[row * (width / 2) + col] = clip(128 + 0.5 * r - 0.418688 * gr - 0.081312 * b);
            }
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            os.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < frames; f++) {
                os.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                os.write(y);
                os.write(u);
                os.write(v);
            }
        }
    }

    private static byte clip(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
