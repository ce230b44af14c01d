package dev.pyconcurrent.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code new Popen.Options(other)} copies every field: each declared field of a fully set
 * {@link Popen.Options} (every one different from its default) must reach the copy. A field
 * added to {@code Options} and forgotten in the copy constructor fails here.
 */
class OptionsCopyTest {
    @Test
    void copyConstructorCopiesEveryField() throws IllegalAccessException {
        Popen.Options defaults = Popen.options();
        Popen.Options set = Popen.options();
        List<Field> fields = new ArrayList<>();
        for (Field f : Popen.Options.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
            f.setAccessible(true);
            f.set(set, sample(f, f.get(defaults)));
            assertNotEquals(f.get(defaults), f.get(set), f.getName() + ": the sample must differ from the default");
            fields.add(f);
        }
        assertTrue(fields.size() >= 25, "Options' fields were found: " + fields);
        Popen.Options copy = new Popen.Options(set);
        for (Field f : fields) {
            String why = f.getName() + " is not copied by Options(Options)";
            if (f.getType().isPrimitive()) assertEquals(f.get(set), f.get(copy), why);
            else assertSame(f.get(set), f.get(copy), why);
        }
    }

    /** A value of the field's type other than its default. */
    private static Object sample(Field f, Object dflt) {
        Class<?> t = f.getType();
        if (t == boolean.class) return !(Boolean) dflt;
        if (t == int.class) return (Integer) dflt + 7;
        if (t == Boolean.class) return Boolean.TRUE;
        if (t == Integer.class) return 42;
        if (t == Double.class) return 1.5;
        if (t == String.class) return "sample-" + f.getName();
        if (t == int[].class) return new int[] {3};
        if (t == Map.class) return Map.of("K", "v");
        if (t == List.class) return List.of(1);
        if (t == Object.class) return new Object();
        return fail("OptionsCopyTest has no sample for " + t + " (field " + f.getName() + "): add one");
    }
}
