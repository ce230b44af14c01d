package dev.pyconcurrent.maven;

/**
 * A user normalizer from the plugin configuration:
 * <pre>{@code
 * <normalizers>
 *   <normalizer>
 *     <pattern>took \d+ tries</pattern>
 *     <replacement>took N tries</replacement>
 *     <notebooks>threading.ipynb</notebooks>   <!-- optional glob on the notebook's path; all if absent -->
 *   </normalizer>
 * </normalizers>
 * }</pre>
 * The pattern is a Java regex (multi-line mode: ^ and $ match at lines); the replacement may
 * use {@code $1} for groups.
 */
public class NormalizerRule {
    private String pattern;
    private String replacement = "";
    private String notebooks;

    public NormalizerRule() {}

    public NormalizerRule(String pattern, String replacement, String notebooks) {
        this.pattern = pattern;
        this.replacement = replacement;
        this.notebooks = notebooks;
    }

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public String getReplacement() {
        return replacement == null ? "" : replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getNotebooks() {
        return notebooks;
    }

    public void setNotebooks(String notebooks) {
        this.notebooks = notebooks;
    }

    @Override
    public String toString() {
        return "s/" + pattern + "/" + getReplacement() + "/" + (notebooks == null ? "" : " in " + notebooks);
    }
}
