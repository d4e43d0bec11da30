using System;
using System.Collections;
using System.Collections.Generic;

namespace Rnn.Generator.Model;

/// <summary>
/// An immutable array with value equality, so records that hold arrays compare by content. Part of the
/// incremental cache boundary: every model type between the pipeline's steps must keep value equality.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public static EquatableArray<T> Empty => new(new T[0]);

    public int Count => _items?.Length ?? 0;

    public T this[int index] => _items![index];

    public T[] AsArray() => _items ?? new T[0];

    public bool Equals(EquatableArray<T> other)
    {
        var a = AsArray();
        var b = other.AsArray();
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var items = AsArray();
        int hash = items.Length;
        // Sample a bounded number of items: weight arrays can hold a million values.
        int stride = Math.Max(1, items.Length / 64);
        for (int i = 0; i < items.Length; i += stride)
            hash = unchecked(hash * 31 + items[i].GetHashCode());
        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)AsArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
