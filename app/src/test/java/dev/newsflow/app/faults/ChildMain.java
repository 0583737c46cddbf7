package dev.newsflow.app.faults;

import dev.newsflow.app.Newsflow;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The real launcher ({@link Newsflow#main}) in a child JVM that halts when its stdin closes, so a service the test
 * started never outlives the test JVM, even when the test JVM itself is killed. Nothing else differs from
 * {@code ./newsflow <service> --config FILE}.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(137);
        }, "newsflow-orphan-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Newsflow.main(args);
    }
}
