package dev.pyconcurrent.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyconcurrent.bench.harness.Compare.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Each workload's figures from the run before (docs/performance/results.json), so the report shows
 * them beside the new ones and a regression is visible. A run with {@code --only} updates only its
 * rows; the others keep their last figures.
 */
final class Previous {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode byKey;

    private Previous(ObjectNode byKey) {
        this.byKey = byKey;
    }

    static Previous read(Path file) throws IOException {
        if (!Files.exists(file)) return new Previous(JSON.createObjectNode());
        return new Previous((ObjectNode) JSON.readTree(file.toFile()));
    }

    /** "22.89× (110.0 ms; 2026-11-25T22:22:37Z, JDK 17.0.15, load 1.46)", or "—" for a new workload. */
    String describe(String key) {
        JsonNode n = byKey.get(key);
        if (n == null) return "—";
        return String.format(Locale.ROOT, "%s (%s; %s, %s)", n.get("ratio313").asText(), n.get("java").asText(),
                n.get("run").asText(), n.get("machine").asText());
    }

    /** These figures with {@code rows} replacing their workloads' entries. */
    Previous with(List<Row> rows, Instant run) {
        ObjectNode next = byKey.deepCopy();
        for (Row r : rows) {
            ObjectNode n = next.putObject(r.workload().key());
            n.put("ratio311", Report.ratioText(Report.ratio(r.py311(), r.java())));
            n.put("ratio313", Report.ratioText(Report.ratio(r.py313(), r.java())));
            n.put("java", r.java().available() ? Report.fmt(r.java().median()) : "n/a");
            n.put("run", run.toString());
            n.put("machine", r.machine());
        }
        return new Previous(next);
    }

    void write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), byKey);
    }
}
