package dev.pyconcurrent.kernel;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;

import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The javadoc of the runtime's own classes, for {@code inspect_request}. JShell's
 * {@code documentation()} finds doc comments only in the JDK's {@code src.zip}; the runtime jar
 * carries its sources under {@code META-INF/sources}, so for a signature that names a runtime class
 * the kernel parses that class's source (javac's tree API, no attribution) and returns the doc
 * comment of the matching declaration, its inline tags turned into plain text.
 *
 * <p>A signature is what JShell prints: {@code dev.pyconcurrent.threading.Lock} (a class),
 * {@code boolean Lock.acquire(boolean blocking, double timeout)} (a method: owner, name,
 * parameter names), {@code Lock()} (a constructor), {@code double Threading.TIMEOUT_MAX} (a
 * field). The owner is a simple name resolved through {@code classes} (simple name → runtime
 * class, as the start-up imports resolve it) or a qualified name.
 */
final class RuntimeDocs {
    private static final String SOURCES = "META-INF/sources/";
    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|linkplain|link|value)\\b\\s*([^}]*)}");

    private final ClassLoader loader;
    private final Function<String, String> classes;
    private final Map<String, List<Declaration>> parsed = new ConcurrentHashMap<>();

    /**
     * A documented declaration of a source file: its class's simple name, member name (null for
     * the class itself), parameter names and types (types without type arguments), doc text.
     */
    private record Declaration(String owner, String name, List<String> parameters, List<String> types, String doc) {
        /** JShell names parameters when it knows the names, else gives just their types. */
        boolean takes(List<String> given) {
            return given == null || parameters == null || given.equals(parameters) || given.equals(types);
        }
    }

    RuntimeDocs(ClassLoader loader, Function<String, String> classes) {
        this.loader = loader;
        this.classes = classes;
    }

    /**
     * The doc comment of the declaration {@code signature} names, as plain text; null if not a
     * documented runtime declaration, or if anything about it cannot be read (documentation is a
     * courtesy of inspect: it never turns an inspect_reply into an error).
     */
    String javadoc(String signature) {
        try {
            return lookup(signature);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String lookup(String signature) {
        String s = withoutTypeArguments(signature).strip();
        int colon = s.indexOf(':');   // a field: Owner.NAME:type
        if (colon > 0 && s.indexOf('(') < 0) s = s.substring(0, colon);
        int paren = s.indexOf('(');
        String head = paren < 0 ? s : s.substring(0, paren).strip();
        String qualified = head.substring(head.lastIndexOf(' ') + 1);
        List<String> parameters = paren < 0 ? null : parameterNames(s.substring(paren + 1, s.lastIndexOf(')')));
        String cls = runtimeClass(qualified);
        if (cls != null) {   // a class, or a constructor (the owner's own name)
            return find(cls, simpleName(cls), paren < 0 ? null : "<init>", parameters);
        }
        int dot = qualified.lastIndexOf('.');
        if (dot < 0) return null;
        String member = qualified.substring(dot + 1);
        for (String owner = runtimeClass(qualified.substring(0, dot)); owner != null; owner = runtimeSuperclass(owner)) {
            String doc = find(owner, simpleName(owner), member, parameters);
            if (doc != null) return doc;
        }
        return null;
    }

    /** The runtime superclass a member may be inherited from ({@code Lock.acquire} is declared in a package-private base); null at the runtime's edge. */
    private String runtimeSuperclass(String cls) {
        try {
            Class<?> c = Class.forName(binaryName(cls), false, loader).getSuperclass();
            return c != null && c.getName().startsWith("dev.pyconcurrent.") ? c.getCanonicalName() : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The runtime class a (simple, nested or qualified) name means, as {@code pkg.Outer.Inner}; null if none. */
    private String runtimeClass(String name) {
        String cls = name;
        if (!name.startsWith("dev.pyconcurrent.")) {
            int dot = name.indexOf('.');
            String outer = classes.apply(dot < 0 ? name : name.substring(0, dot));
            if (outer == null) return null;
            cls = outer + (dot < 0 ? "" : name.substring(dot));
        }
        return isClass(cls) ? cls : null;
    }

    /** Whether {@code pkg.Outer.Inner} names a class ({@code pkg.Outer$Inner}), not a member. */
    private boolean isClass(String cls) {
        try {
            Class.forName(binaryName(cls), false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code pkg.Outer.Inner} as the binary name {@code pkg.Outer$Inner}. */
    private static String binaryName(String cls) {
        StringBuilder binary = new StringBuilder();
        boolean nested = false;
        for (String part : cls.split("\\.")) {
            if (binary.length() > 0) binary.append(nested ? '$' : '.');
            binary.append(part);
            nested |= Character.isUpperCase(part.charAt(0));
        }
        return binary.toString();
    }

    /** The source path of a class named {@code pkg.Outer[.Inner]}: the top-level class's file. */
    private String sourceOf(String cls) {
        String[] parts = cls.split("\\.");
        StringBuilder path = new StringBuilder(SOURCES);
        for (String p : parts) {
            path.append(p);
            if (Character.isUpperCase(p.charAt(0))) {
                String file = path + ".java";
                return loader.getResource(file) != null ? file : null;
            }
            path.append('/');
        }
        return null;
    }

    private String find(String cls, String owner, String member, List<String> parameters) {
        String file = sourceOf(cls);
        if (file == null) return null;
        for (Declaration d : parsed.computeIfAbsent(file, this::parse)) {
            if (!d.owner().equals(owner)) continue;
            if (member == null ? d.name() == null
                    : member.equals(d.name()) && d.takes(parameters)) {
                return d.doc();
            }
        }
        return null;
    }

    private List<Declaration> parse(String file) {
        String text;
        try (InputStream in = loader.getResourceAsStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + file), SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) { return text; }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(source));
        DocTrees trees = DocTrees.instance(task);
        List<Declaration> out = new ArrayList<>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree c, String owner) {
                        add(c.getSimpleName().toString(), null, null, null);
                        return super.visitClass(c, c.getSimpleName().toString());
                    }

                    @Override
                    public Void visitMethod(MethodTree m, String owner) {
                        List<String> names = m.getParameters().stream().map(p -> p.getName().toString()).toList();
                        List<String> types = m.getParameters().stream().map(p -> simpleType(p.getType().toString())).toList();
                        add(owner, m.getName().toString(), names, types);
                        return null;   // no local classes' members
                    }

                    @Override
                    public Void visitVariable(VariableTree v, String owner) {
                        if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) add(owner, v.getName().toString(), null, null);
                        return null;
                    }

                    private void add(String owner, String name, List<String> parameters, List<String> types) {
                        DocCommentTree doc = trees.getDocCommentTree(getCurrentPath());
                        if (doc != null) out.add(new Declaration(owner, name, parameters, types, text(doc)));
                    }
                }.scan(new TreePath(unit), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The comment as plain text: the body, then its block tags ({@code @param}, {@code @throws}…) one a line. */
    private static String text(DocCommentTree doc) {
        StringBuilder sb = new StringBuilder(plain(join(doc.getFullBody())));
        for (DocTree tag : doc.getBlockTags()) sb.append('\n').append(plain(tag.toString()));
        return sb.toString().strip();
    }

    private static String join(List<? extends DocTree> trees) {
        StringBuilder sb = new StringBuilder();
        for (DocTree t : trees) sb.append(t);
        return sb.toString();
    }

    /** Inline tags to their text ({@code {@link Lock#acquire}} → {@code Lock.acquire}), HTML paragraphs to blank lines, other markup dropped. */
    static String plain(String javadoc) {
        Matcher m = INLINE.matcher(javadoc);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).strip();
            if (m.group(1).startsWith("link") || m.group(1).equals("value")) {
                int space = body.indexOf(' ');
                body = space > 0 ? body.substring(space + 1).strip()
                        : body.startsWith("#") ? body.substring(1) : body.replace('#', '.');
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(body));
        }
        m.appendTail(sb);
        return sb.toString()
                .replaceAll("(?i)\\s*<p>\\s*", "\n\n")
                .replaceAll("(?i)<li>", "\n- ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("(?m)^ ", "");   // the blank javadoc keeps after each line's '*'
    }

    /** {@code java.util.List<String>} → {@code List}, {@code Object...} → {@code Object...}. */
    private static String simpleType(String type) {
        String t = withoutTypeArguments(type);
        return t.substring(t.lastIndexOf('.', t.endsWith("...") ? t.length() - 4 : t.length() - 1) + 1);
    }

    private static String simpleName(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The parameter names of a signature's list, or their simple types where JShell gives no names. */
    private static List<String> parameterNames(String list) {
        List<String> names = new ArrayList<>();
        if (list.isBlank()) return names;
        for (String p : list.split(",")) {
            String[] words = p.strip().split("\\s+");
            names.add(words.length > 1 ? words[words.length - 1] : simpleType(words[0]));
        }
        return names;
    }

    /** The signature without {@code <...>} (type arguments and parameters may hold commas and spaces). */
    static String withoutTypeArguments(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') depth++;
            else if (c == '>') depth = Math.max(0, depth - 1);
            else if (depth == 0) sb.append(c);
        }
        return sb.toString();
    }
}
