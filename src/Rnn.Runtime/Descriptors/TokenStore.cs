using System.Collections.Generic;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// A document's tokens, 8 bytes each (offset and extent; the kind is read back from the text), kept in blocks of
/// 8,192 so a large weight array costs exactly 8 bytes per weight: no doubling copies, no large-object-heap arrays.
/// </summary>
internal sealed class TokenStore
{
    private const int BlockShift = 13;
    private const int BlockSize = 1 << BlockShift;
    private const int BlockMask = BlockSize - 1;

    private readonly List<Entry[]> _blocks = new();

    public int Count { get; private set; }

    /// <summary>Appends a token and returns its index.</summary>
    public int Add(int offset, int extent)
    {
        int index = Count;
        if ((index & BlockMask) == 0)
            _blocks.Add(new Entry[BlockSize]);
        _blocks[index >> BlockShift][index & BlockMask] = new Entry(offset, extent);
        Count++;
        return index;
    }

    public int OffsetOf(int index) => _blocks[index >> BlockShift][index & BlockMask].Offset;

    /// <summary>A scalar's text length, or, for an opening bracket, the index of its closing bracket.</summary>
    public int ExtentOf(int index) => _blocks[index >> BlockShift][index & BlockMask].Extent;

    public void SetExtent(int index, int extent) => _blocks[index >> BlockShift][index & BlockMask].Extent = extent;

    private struct Entry
    {
        public Entry(int offset, int extent)
        {
            Offset = offset;
            Extent = extent;
        }

        public int Offset;
        public int Extent;
    }
}
