package dev.deepfer.infer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The git commit of the running code, for provenance (from -Ddeepfer.commit, else git, else "unknown"). */
public final class CodeVersion {
    private CodeVersion() {
    }

    public static String get() {
        String prop = System.getProperty("deepfer.commit");
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
