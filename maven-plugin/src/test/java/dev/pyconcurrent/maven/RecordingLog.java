package dev.pyconcurrent.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/**
 * A mojo log that keeps the lines ({@code [error] message}) instead of printing them: the
 * plugin's expected-failure fixtures then print no {@code [error]} lines inside a passing build,
 * and tests can assert what a goal logged.
 */
public final class RecordingLog extends SystemStreamLog {
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void debug(CharSequence content) {
        lines.add("[debug] " + content);
    }

    @Override
    public void info(CharSequence content) {
        lines.add("[info] " + content);
    }

    @Override
    public void warn(CharSequence content) {
        lines.add("[warning] " + content);
    }

    @Override
    public void error(CharSequence content) {
        lines.add("[error] " + content);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    /** The lines logged at {@code level} ({@code error}, {@code info}…), without the prefix. */
    public List<String> at(String level) {
        String prefix = "[" + level + "] ";
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }
}
