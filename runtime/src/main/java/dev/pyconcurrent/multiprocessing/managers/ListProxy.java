package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.ValueError;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * CPython's {@code ListProxy} ({@code manager.list()}), also a {@code java.util.List}: each
 * operation is one call to the server ({@code get(i)} is {@code l[i]}, {@code size()}
 * {@code len(l)}); iterating fetches item by item, as Python's iteration of a list proxy does.
 * Python's methods keep their names ({@link #append}, {@link #extend}, {@link #pop()},
 * {@link #sort()}…, Python's errors included). {@code equals} is identity, as {@code ==} of
 * two proxies; {@code getvalue()} gives a copy of the list.
 */
public class ListProxy<E> extends BaseProxy implements List<E> {
    private static final long serialVersionUID = 1L;

    /** The {@code java.util.List} operations that AbstractList derives from get/set/add/remove/size. */
    private final transient List<E> view = new AbstractList<>() {
        @Override
        public E get(int index) {
            return ListProxy.this.get(index);
        }

        @Override
        public int size() {
            return ListProxy.this.size();
        }

        @Override
        public E set(int index, E element) {
            return ListProxy.this.set(index, element);
        }

        @Override
        public void add(int index, E element) {
            ListProxy.this.add(index, element);
        }

        @Override
        public E remove(int index) {
            return ListProxy.this.remove(index);
        }
    };

    protected ListProxy() {}

    // ------------------------------------------------------------------ Python's names

    /** {@code l.append(x)}. */
    public void append(E x) {
        callmethod("append", x);
    }

    /** {@code l.extend(iterable)} (also {@code l += iterable}). */
    public void extend(Iterable<? extends E> items) {
        List<E> copy = new ArrayList<>();
        items.forEach(copy::add);
        callmethod("extend", copy);
    }

    /** {@code l.count(x)}. */
    public int count(Object x) {
        return callmethod("count", x);
    }

    /** {@code l.index(x)}: ValueError {@code x is not in list}. */
    public int index(Object x) {
        return callmethod("index", x);
    }

    /** {@code l.insert(i, x)}. */
    public void insert(int index, E x) {
        callmethod("insert", index, x);
    }

    /** {@code l.pop()}: IndexError {@code pop from empty list}. */
    public E pop() {
        return callmethod("pop");
    }

    /** {@code l.pop(i)}. */
    public E pop(int index) {
        return callmethod("pop", index);
    }

    /** {@code l.reverse()}. */
    public void reverse() {
        callmethod("reverse");
    }

    /** {@code l.sort()}, Python's order. */
    public void sort() {
        callmethod("sort");
    }

    /** {@code l[i]} with Python's negative indices; IndexError {@code list index out of range}. */
    public E getitem(int index) {
        return callmethod("__getitem__", index);
    }

    /** {@code l[i] = x}. */
    public void setitem(int index, E x) {
        callmethod("__setitem__", index, x);
    }

    /** {@code del l[i]}. */
    public void delitem(int index) {
        callmethod("__delitem__", index);
    }

    // ------------------------------------------------------------------ java.util.List

    @Override
    public int size() {
        return callmethod("__len__");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public E get(int index) {
        return getitem(index);
    }

    @Override
    public E set(int index, E element) {
        return callmethod("set", index, element);
    }

    @Override
    public boolean add(E e) {
        append(e);
        return true;
    }

    @Override
    public void add(int index, E element) {
        insert(index, element);
    }

    @Override
    public E remove(int index) {
        return pop(index);
    }

    /** Java's {@code remove(o)}: whether it was there (Python's {@code l.remove(x)} raises instead). */
    @Override
    public boolean remove(Object o) {
        try {
            callmethod("remove", o);
            return true;
        } catch (ValueError e) {
            return false;
        }
    }

    @Override
    public boolean contains(Object o) {
        return callmethod("__contains__", o);
    }

    @Override
    public int indexOf(Object o) {
        return callmethod("indexOf", o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return callmethod("lastIndexOf", o);
    }

    @Override
    public void clear() {
        callmethod("clear");
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        extend(c);
        return !c.isEmpty();
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return view.addAll(index, c);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return getvalueList().containsAll(c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return view.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return view.retainAll(c);
    }

    @Override
    public Iterator<E> iterator() {
        return view.iterator();
    }

    @Override
    public ListIterator<E> listIterator() {
        return view.listIterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return view.listIterator(index);
    }

    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return view.subList(fromIndex, toIndex);
    }

    /** A copy of the items, in one call. */
    @Override
    public Object[] toArray() {
        return getvalueList().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return getvalueList().toArray(a);
    }

    private List<E> getvalueList() {
        return getvalue();
    }
}
