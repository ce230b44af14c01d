package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Tuple;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPython's {@code DictProxy} ({@code manager.dict()}), also a {@code java.util.Map}: each
 * operation is one call to the server ({@code put(k, v)} is {@code d[k] = v}, {@code get(k)}
 * is {@code d.get(k)}). Python's methods keep their names: {@link #getitem} ({@code d[k]},
 * KeyError when missing), {@link #pop}, {@link #popitem}, {@link #setdefault}, {@link #update},
 * {@link #items}, {@link #keys}, {@link #values}, {@link #copy}. {@code keySet()},
 * {@code values()} and {@code entrySet()} are copies taken in one call, as Python's
 * {@code keys()}/{@code values()}/{@code items()} through a proxy are (removing through the
 * entry set's iterator removes in the server). {@code equals} is identity.
 */
public class DictProxy<K, V> extends BaseProxy implements Map<K, V> {
    private static final long serialVersionUID = 1L;

    protected DictProxy() {}

    // ------------------------------------------------------------------ Python's names

    /** {@code d[k]}: KeyError when missing. */
    public V getitem(Object key) {
        return callmethod("__getitem__", key);
    }

    /** {@code d[k] = v}. */
    public void setitem(K key, V value) {
        callmethod("__setitem__", key, value);
    }

    /** {@code del d[k]}: KeyError when missing. */
    public void delitem(Object key) {
        callmethod("__delitem__", key);
    }

    /** {@code d.get(k, default)}. */
    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return callmethod("get", key, defaultValue);
    }

    /** {@code d.pop(k)}: KeyError when missing. */
    public V pop(Object key) {
        return callmethod("pop", key);
    }

    /** {@code d.pop(k, default)}. */
    public V pop(Object key, V defaultValue) {
        return callmethod("pop", key, defaultValue);
    }

    /** {@code d.popitem()}: the last pair, KeyError {@code 'popitem(): dictionary is empty'}. */
    public Tuple popitem() {
        return callmethod("popitem");
    }

    /** {@code d.setdefault(k, default)}. */
    public V setdefault(K key, V defaultValue) {
        return callmethod("setdefault", key, defaultValue);
    }

    /** {@code d.update(m)}. */
    public void update(Map<? extends K, ? extends V> m) {
        callmethod("update", new LinkedHashMap<>(m));
    }

    /** {@code list(d.items())}: {@code (key, value)} tuples. */
    public List<Tuple> items() {
        return callmethod("items");
    }

    /** {@code list(d.keys())}. */
    public List<K> keys() {
        return callmethod("keys");
    }

    /** {@code list(d.values())}. */
    @Override
    public List<V> values() {
        return callmethod("values");
    }

    /** {@code d.copy()}: a plain dict. */
    public Map<K, V> copy() {
        return callmethod("copy");
    }

    // ------------------------------------------------------------------ java.util.Map

    @Override
    public int size() {
        return callmethod("__len__");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return callmethod("__contains__", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return values().contains(value);
    }

    @Override
    public V get(Object key) {
        return callmethod("get", key);
    }

    @Override
    public V put(K key, V value) {
        return callmethod("put", key, value);
    }

    @Override
    public V remove(Object key) {
        return callmethod("remove", key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        update(m);
    }

    @Override
    public void clear() {
        callmethod("clear");
    }

    @Override
    public Set<K> keySet() {
        return new LinkedHashSet<>(keys());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<K, V>> entrySet() {
        List<Entry<K, V>> entries = new ArrayList<>();
        for (Tuple t : items()) entries.add(new AbstractMap.SimpleEntry<>((K) t.get(0), (V) t.get(1)));
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                Iterator<Entry<K, V>> it = entries.iterator();
                return new Iterator<>() {
                    private Entry<K, V> last;

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        return last = it.next();
                    }

                    @Override
                    public void remove() {
                        it.remove();
                        DictProxy.this.remove(last.getKey());
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }
}
