package dev.pyconcurrent.builtins;

/**
 * An object whose Python {@code str()} differs from its {@code repr()}: {@link Py#str} (and so
 * {@link Py#print}) uses {@link #pyStr()}, while {@link Py#repr} and {@code toString()} give the
 * repr. A manager's {@code ListProxy} is one: {@code print(l)} shows the list, {@code repr(l)}
 * {@code <ListProxy object, typeid 'list' at 0x…>}, even though it is a {@code java.util.List}.
 */
public interface PyStr {
    /** Python's {@code str(self)}. */
    String pyStr();
}
