package dev.pyconcurrent.kernel;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Whether a snippet parses as Java, for {@code is_complete_request}: JShell's completeness analysis
 * says {@code int = 7q;} is complete (it only looks for the snippet's end), so the snippet is
 * also parsed (javac's parser, no attribution: an unknown name is not a syntax error) in each
 * place JShell accepts one: an import, a class member, a statement, an expression.
 */
final class SnippetSyntax {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final String[][] PLACES = {
            {"", "\nclass $W { }"},
            {"class $W {\n", "\n}"},
            {"class $W { void $m() {\n", "\n} }"},
            {"class $W { Object $m() { return\n", "\n; } }"},
    };

    private SnippetSyntax() { }

    /** Whether {@code source} (one snippet, as JShell's completeness analysis cut it) parses in some place. */
    static boolean parses(String source) {
        for (String[] place : PLACES) {
            if (parsesAs(place[0] + source + place[1])) return true;
        }
        return false;
    }

    private static boolean parsesAs(String unit) {
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///$W.java"), SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) { return unit; }
        };
        boolean[] error = new boolean[1];
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, d -> error[0] |= d.getKind() == Diagnostic.Kind.ERROR,
                List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (IOException e) {
            return false;
        }
        return !error[0];
    }
}
