package dev.pyconcurrent.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyconcurrent.bench.harness.Compare.Row;
import dev.pyconcurrent.bench.harness.Runner.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The comparison's table (Markdown and AsciiDoc, one source of cells) and bar chart. */
public final class Report {
    private final List<Row> rows;
    private final int runs;
    private final int warmup;
    private final double jvmWarmupSeconds;
    private final Previous previous;
    private final Instant started;
    private final String loadBefore;
    private final String loadAfter;
    private final String args;

    Report(List<Row> rows, int runs, int warmup, double jvmWarmupSeconds, Instant started, String loadBefore,
           String loadAfter, String args, Previous previous) {
        this.rows = rows;
        this.runs = runs;
        this.warmup = warmup;
        this.jvmWarmupSeconds = jvmWarmupSeconds;
        this.previous = previous;
        this.started = started;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.args = args;
    }

    static String seconds(Side s) {
        if (!s.available()) return "n/a";
        return String.format(Locale.ROOT, "%s (%s–%s)", fmt(s.median()), fmt(s.min()), fmt(s.max()));
    }

    static String fmt(double seconds) {
        if (seconds >= 1) return String.format(Locale.ROOT, "%.2f s", seconds);
        if (seconds >= 1e-3) return String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
        return String.format(Locale.ROOT, "%.0f µs", seconds * 1e6);
    }

    /** CPython's median over pyconcurrent's: above 1 means pyconcurrent is faster. */
    static double ratio(Side python, Side java) {
        return python.available() && java.available() ? python.median() / java.median() : Double.NaN;
    }

    static String ratioText(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String line(Row r) {
        return String.format(Locale.ROOT, "%s: 3.11 %s | 3.13 %s | pyconcurrent %s | ×3.11 %s ×3.13 %s",
                r.workload().key(), seconds(r.py311()), seconds(r.py313()), seconds(r.java()),
                ratioText(ratio(r.py311(), r.java())), ratioText(ratio(r.py313(), r.java())));
    }

    private List<String> header() {
        return List.of("Workload", "n", "CPython 3.11 median (min–max)", "CPython 3.13 median (min–max)",
                "pyconcurrent median (min–max)", "ratio vs 3.11", "ratio vs 3.13", "target vs 3.11", "met", "machine",
                "previous run: ratio vs 3.13 (pyconcurrent; when, machine)");
    }

    private List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            double r311 = ratio(r.py311(), r.java());
            String met = Double.isNaN(r311) ? "—" : r311 >= r.workload().target() ? "yes" : "no";
            if (!r.agree()) met = "RESULT MISMATCH";
            String name = r.workload().title() + (r.workload().pinned() ? " ¹" : "") + (r.workload().interleaved() ? " ²" : "")
                    + (r.workload().workers() ? " ³" : "");
            out.add(List.of(name, String.format(Locale.ROOT, "%,d", r.size()), seconds(r.py311()),
                    seconds(r.py313()), seconds(r.java()), ratioText(r311), ratioText(ratio(r.py313(), r.java())),
                    String.format(Locale.ROOT, "≥ %s×", trim(r.workload().target())), met, r.machine(),
                    previous.describe(r.workload().key())));
        }
        return out;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private String notes(String bullet) {
        StringBuilder b = new StringBuilder();
        b.append(bullet).append(String.format(Locale.ROOT,
                "Median of %d measured runs after %d warm-up run(s) in the same process (the JVM: warm-up runs for at "
                        + "least %s s, so that the JIT has compiled the hot path), each side in a fresh "
                        + "process; times are of the workload only (not interpreter/JVM start-up).%n", runs, warmup,
                trim(jvmWarmupSeconds)));
        if (rows.stream().anyMatch(r -> r.workload().interleaved())) {
            b.append(bullet).append("² interleaved: each measured run of these rows is a fresh process (with its own "
                    + "warm-up), and the three sides take turns, the order rotating, so that they meet the same load.\n");
        }
        if (rows.stream().anyMatch(r -> r.workload().workers())) {
            b.append(bullet).append(String.format(Locale.ROOT, "³ workers: the first run starts the worker processes "
                    + "(pool, manager, child) that the later runs reuse; on both sides the warm-up goes on until %s s "
                    + "after that first run, so that the measured runs are those of a pool whose workers are up and "
                    + "warm (a worker JVM's JIT starts with the worker).%n", trim(jvmWarmupSeconds)));
        }
        b.append(bullet).append("Machine: the JDK of the pyconcurrent side, the 1-minute load average before → after "
                + "the row, and the first-touch page-fault cost measured at the start (64 MiB of fresh memory).\n");
        b.append(bullet).append("Ratio = CPython median / pyconcurrent median (above 1: pyconcurrent is faster).\n");
        b.append(bullet).append("¹ pinned to one CPU (`taskset -c 1`) on both sides: the figure is about the code, "
                + "not the scheduler.\n");
        b.append(bullet).append("Every side's result (items received, sum, count) agreed across runs and languages"
                + (rows.stream().allMatch(Row::agree) ? "." : " — EXCEPT where marked RESULT MISMATCH.") + "\n");
        b.append(bullet).append(String.format(Locale.ROOT, "Run %s, %s, JDK %s (%s), %d CPUs; load average %s "
                        + "at start, %s at end%s.%n", started, System.getProperty("os.name"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter,
                loaded() ? " — a LOADED machine: treat hand-off figures as pessimistic" : ""));
        String command = System.getProperty("bench.command");
        if (command != null) b.append(bullet).append("Re-run with: `").append(command.trim()).append("` (from the repository root).\n");
        b.append(bullet).append("Harness arguments: `").append(args.isEmpty() ? "(defaults)" : args).append("`.\n");
        return b.toString();
    }

    private boolean loaded() {
        try {
            return Double.parseDouble(loadBefore.split(" ")[0]) > Runtime.getRuntime().availableProcessors()
                    || Double.parseDouble(loadAfter.split(" ")[0]) > Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The Markdown report (results.md). */
    public String markdown(List<Path> jmh) throws IOException {
        StringBuilder b = new StringBuilder("## CPython vs pyconcurrent\n\n");
        b.append(mdRow(header()));
        b.append(mdRow(header().stream().map(h -> "---").toList()));
        cells().forEach(c -> b.append(mdRow(c)));
        b.append('\n').append(notes("- "));
        List<List<String>> j = jmhCells(jmh);
        if (!j.isEmpty()) {
            b.append("\n## JMH: pyconcurrent vs java.util.concurrent\n\n");
            b.append(mdRow(JMH_HEADER)).append(mdRow(JMH_HEADER.stream().map(h -> "---").toList()));
            j.forEach(c -> b.append(mdRow(c)));
        }
        return b.toString();
    }

    /** The AsciiDoc include for docs/performance.adoc. */
    public String asciidoc(List<Path> jmh) throws IOException {
        StringBuilder b = new StringBuilder("// Generated by dev.pyconcurrent.bench.harness.Compare — do not edit.\n");
        b.append("[cols=\"3,1,2,2,2,1,1,1,1,2,3\",options=\"header\"]\n|===\n");
        b.append(adocRow(header()));
        cells().forEach(c -> b.append(adocRow(c)));
        b.append("|===\n\n").append(notes("* "));
        List<List<String>> j = jmhCells(jmh);
        if (!j.isEmpty()) {
            b.append("\n.JMH: pyconcurrent vs java.util.concurrent (average time per operation)\n");
            b.append("[options=\"header\"]\n|===\n").append(adocRow(JMH_HEADER));
            j.forEach(c -> b.append(adocRow(c)));
            b.append("|===\n");
        }
        return b.toString();
    }

    private static String mdRow(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String adocRow(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (String c : cells) b.append("| ").append(c.replace("|", "\\|")).append(' ');
        return b.append('\n').toString();
    }

    private static final List<String> JMH_HEADER = List.of("Benchmark", "pyconcurrent", "java.util.concurrent",
            "ratio", "target", "met");

    /**
     * JMH results paired by name: {@code Class.case_py} against {@code Class.case_juc} (the
     * java.util.concurrent counterpart); cases without a counterpart are listed alone.
     */
    static List<List<String>> jmhCells(List<Path> jsons) throws IOException {
        List<List<String>> out = new ArrayList<>();
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        for (Path json : jsons) {
            if (!Files.exists(json)) continue;
            for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
                String name = n.get("benchmark").asText();
                name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                JsonNode params = n.get("params");
                if (params != null) name += params.toString().replace("\"", "");
                byName.put(name, n);
            }
        }
        for (var e : byName.entrySet()) {
            String name = e.getKey();
            if (name.contains("_juc")) continue;
            JsonNode py = e.getValue();
            String prefix = name.contains("_py") ? name.substring(0, name.indexOf("_py")) : name;
            double target = prefix.contains("Uncontended") ? 1.2 : 1.3;
            boolean paired = false;
            for (var b : byName.entrySet()) {
                if (!b.getKey().startsWith(prefix + "_juc")) continue;
                paired = true;
                JsonNode juc = b.getValue();
                double r = py.get("primaryMetric").get("score").asDouble()
                        / juc.get("primaryMetric").get("score").asDouble();
                out.add(List.of(prefix + " vs " + b.getKey().substring(prefix.length() + 4), score(py), score(juc),
                        String.format(Locale.ROOT, "%.2f×", r), "≤ " + target + "×", r <= target ? "yes" : "no"));
            }
            if (!paired) out.add(List.of(prefix, score(py), "—", "—", "—", "—"));
        }
        return out;
    }

    private static String score(JsonNode n) {
        JsonNode m = n.get("primaryMetric");
        double error = m.get("scoreError").asDouble();
        return String.format(Locale.ROOT, "%.1f%s %s", m.get("score").asDouble(),
                Double.isFinite(error) ? String.format(Locale.ROOT, " ± %.1f", error) : "", m.get("scoreUnit").asText());
    }

    /** The bar chart of the ratios (log scale), one bar per workload and CPython version. */
    public void chart(Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560)
                .title("pyconcurrent speed-up over CPython (CPython time / pyconcurrent time; log scale)")
                .xAxisTitle("workload").yAxisTitle("speed-up ×").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> names = new ArrayList<>();
        List<Double> v311 = new ArrayList<>();
        List<Double> v313 = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        for (Row r : rows) {
            double a = ratio(r.py311(), r.java());
            double b = ratio(r.py313(), r.java());
            if (Double.isNaN(a) || Double.isNaN(b)) continue; // a log axis cannot show a missing side
            names.add(r.workload().key());
            v311.add(a);
            v313.add(b);
            target.add(r.workload().target());
        }
        if (names.isEmpty()) {
            names.add("none");
            v311.add(1.0);
            v313.add(1.0);
            target.add(1.0);
        }
        double lo = 1;
        double hi = 1;
        for (List<Double> l : List.of(v311, v313, target)) {
            for (double d : l) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        // Bars start from the axis minimum; on a log axis that must be above 0.
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi * 1.01))));
        chart.addSeries("vs CPython 3.11", names, v311);
        chart.addSeries("vs CPython 3.13", names, v313);
        chart.addSeries("target vs 3.11", names, target);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
