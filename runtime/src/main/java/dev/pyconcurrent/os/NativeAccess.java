package dev.pyconcurrent.os;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Predicate;

/**
 * Where the runtime may call native code (DESIGN §3's third choice): the FFM API of JDK 22+, in
 * the multi-release jar's {@code META-INF/versions/22} classes, used only when this JVM grants
 * the runtime native access ({@code --enable-native-access=ALL-UNNAMED}), so that no JDK prints
 * its restricted-method warning on the user's stderr; below JDK 22, the runtime's small JNI library
 * where the build could make it ({@link #loadLibrary}). {@code -Dpyconcurrent.ffm=false} (read
 * once per use) turns every native path, FFM and JNI, off. Not a Python module: the runtime's own
 * plumbing.
 */
public final class NativeAccess {
    /** {@code -Dpyconcurrent.ffm=false}: never use the FFM paths nor the JNI library. */
    public static final String PROPERTY = "pyconcurrent.ffm";
    /** {@code Module.isNativeAccessEnabled()} (JDK 22+) of the runtime's module; false where it does not exist. */
    public static final boolean GRANTED = granted();

    private NativeAccess() {}

    private static boolean granted() {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(NativeAccess.class.getModule());
        } catch (ReflectiveOperationException e) {
            return false; // JDK 17
        }
    }

    /**
     * An instance of the JDK 22+ class {@code className} (a subclass of {@code base} with a
     * no-argument constructor, both reachable through the caller's {@code lookup}), or null where FFM cannot or must not be used: JDK 17 (the class
     * is not on the class path), no native access, the property, or {@code usable} says no (a
     * missing C function). {@code usable} runs before any other native call of the instance.
     */
    public static <T> T load(MethodHandles.Lookup lookup, String className, Class<T> base, Predicate<T> usable) {
        if (!GRANTED || "false".equals(System.getProperty(PROPERTY))) return null;
        try {
            MethodHandle constructor = lookup.findConstructor(lookup.findClass(className), MethodType.methodType(void.class));
            T t = base.cast(constructor.invoke());
            return usable.test(t) ? t : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // the Java 17 classes alone (no versioned class on the class path)
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Loads the runtime's JNI library {@code lib<name>.so} from {@code META-INF/native/linux-<os.arch>/}
     * of the runtime's jar (built by gcc in the runtime's {@code native} profile) through a
     * temporary copy, deleted once loaded: true if it is loaded. False on JDK 22+ (the FFM paths
     * are used there, and JDK 24+ would warn about {@code System.load} as about FFM), with the
     * property, off Linux, or where the build made no library (no gcc).
     */
    public static boolean loadLibrary(String name) {
        if (Runtime.version().feature() >= 22 || "false".equals(System.getProperty(PROPERTY))
                || !"Linux".equals(System.getProperty("os.name"))) {
            return false;
        }
        String resource = "/META-INF/native/linux-" + System.getProperty("os.arch") + "/lib" + name + ".so";
        try (java.io.InputStream in = NativeAccess.class.getResourceAsStream(resource)) {
            if (in == null) return false;
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("pyconcurrent-", ".so");
            try {
                java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                java.nio.file.Files.deleteIfExists(copy); // the mapping stays valid once loaded
            }
            return true;
        } catch (java.io.IOException | UnsatisfiedLinkError | SecurityException e) {
            return false; // e.g. a temporary directory mounted noexec: the JDK's launch, as without the library
        }
    }
}
