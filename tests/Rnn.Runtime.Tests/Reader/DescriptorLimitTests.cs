using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Rnn.Runtime.Descriptors;
using Xunit;
using static Rnn.Runtime.Tests.Reader.ReaderText;

namespace Rnn.Runtime.Tests.Reader;

/// <summary>
/// The reader's documented limits (docs/limits.md) hold before memory is spent, and each error names its limit.
/// Memory is measured as bytes allocated by the test's thread, which the reader runs on.
/// </summary>
public class DescriptorLimitTests
{
    [Fact]
    public void AFileOverTheSizeLimitIsRefusedBeforeItIsRead()
    {
        // A sparse file: its length is over the limit, its blocks were never written.
        string path = Path.Combine(Path.GetTempPath(), "rnn-reader-" + Guid.NewGuid().ToString("N") + ".rnn.json");
        using (var stream = System.IO.File.Create(path))
            stream.SetLength(DescriptorLimits.MaxFileBytes + 1L);
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.ReadFile(path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal($"{path}: the file is 268,435,457 bytes, over the limit of 268,435,456 bytes (256 MiB) for a descriptor; no recurrent model for a small device is that large", e.Message);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void AStreamWithoutALengthIsReadAndRefusedOnceItPassesTheSizeLimit()
    {
        var model = DescriptorReader.Read(new Unseekable(Encoding.UTF8.GetBytes(Dense()), endless: false), "standard input");
        Assert.Equal(DescriptorWriter.ToJson(DescriptorReader.Parse(Dense(), FileName)), DescriptorWriter.ToJson(model));

        // Spaces without end (a pipe from a runaway program): refused by the time one byte past the limit is read.
        var endless = new Unseekable([], endless: true);
        var e = Assert.Throws<RnnDescriptorException>(() => DescriptorReader.Read(endless, "standard input"));
        Assert.StartsWith("standard input: the file is 268,", e.Message);
        Assert.EndsWith(" bytes, over the limit of 268,435,456 bytes (256 MiB) for a descriptor; no recurrent model for a small device is that large", e.Message);
        Assert.InRange(endless.Position, DescriptorLimits.MaxFileBytes + 1L, DescriptorLimits.MaxFileBytes + (1L << 20));
    }

    // A stream that cannot tell its length, like a pipe: the given bytes, or spaces for ever.
    private sealed class Unseekable(byte[] bytes, bool endless) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = endless ? count : (int)Math.Min(count, bytes.Length - _position);
            if (endless)
                buffer.AsSpan(offset, n).Fill((byte)' ');
            else
                bytes.AsSpan((int)_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void TenMegabytesOfOpeningBracketsAreRefusedAtTheDepthLimitWithLittleMemory()
    {
        string text = new('[', 10_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Reject(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("model.rnn.json(1,65): malformed JSON: nesting deeper than the limit of 64 levels", e.Message);
        // One token block (64 KiB) and the exception; before, the whole file was tokenized (555 MB).
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void SixtyFourLevelsAreAllowedInMetadata()
    {
        // The root object and metadata are two levels; 62 arrays make 64.
        string nested = new string('[', 62) + new string(']', 62);
        var model = DescriptorReader.Parse(Dense(metadata: $"{{\"deep\": {nested}}}"), FileName);
        Assert.Equal(MetadataKind.Array, model.Metadata.Fields[0].Value.Kind);
        var e = Reject(Dense(metadata: $"{{\"deep\": [{nested}]}}"));
        Assert.Equal("model.rnn.json(7,86): malformed JSON: nesting deeper than the limit of 64 levels", e.Message);
    }

    [Fact]
    public void ANumberLongerThanTheLimitIsRefusedNamingTheLimit()
    {
        string text = Dense(weight: "0." + new string('3', 10_000_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Reject(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("model.rnn.json(5,18): malformed JSON: a number of 10,000,002 characters, longer than the limit of 4,096 characters for a number", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Theory]
    // Exactly 1.0, written with 4,000 zeros: the exponent must keep counting past them.
    [InlineData(4000, "1e4001")]
    [InlineData(4000, "1E+4001")]
    public void ANumberWithinTheLimitIsExact(int zeros, string tail)
    {
        string number = "0." + new string('0', zeros) + tail;
        Assert.True(number.Length <= DescriptorLimits.MaxNumberLength);
        var dense = (DenseLayerDescriptor)DescriptorReader.Parse(Dense(weight: number), FileName).Layers[0];
        Assert.Equal(1.0f, dense.Weight[0]);
        string large = "1" + new string('0', zeros) + "e-" + zeros.ToString(CultureInfo.InvariantCulture);
        dense = (DenseLayerDescriptor)DescriptorReader.Parse(Dense(weight: large), FileName).Layers[0];
        Assert.Equal(1.0f, dense.Weight[0]);
    }

    [Fact]
    public void ATenMegabyteTypeNameIsCutShortInTheMessage()
    {
        string type = new('x', 10_000_000);
        var e = Reject(Dense(type: type));
        Assert.Equal($"model.rnn.json(4,15): layers[0].type: unknown layer type \"{new string('x', 64)}… (10,000,000 characters)\"; expected one of rnn, lstm, gru, dense", e.Message);
    }

    [Fact]
    public void ATenMegabyteWeightPrecisionIsCutShortInTheMessage()
    {
        string value = new('p', 10_000_000);
        var e = Reject(Dense().Replace("\"version\": 1,", $"\"version\": 2, \"weight_precision\": \"{value}\","));
        Assert.Matches(@"^model\.rnn\.json\(2,\d+\): weight_precision: expected one of [a-z0-9, ]+, found ""p{64}… \(10,000,000 characters\)""$", e.Message);
    }

    [Fact]
    public void ATenMegabyteFieldNameIsCutShortInThePathAndTheMessage()
    {
        string name = new('k', 10_000_000);
        var e = Reject(Dense().Replace("\"input_size\": 1,\n", $"\"input_size\": 1, \"{name}\": 0,\n"));
        Assert.True(e.Message.Length < 600, $"{e.Message.Length} characters");
        Assert.StartsWith($"model.rnn.json(2,60): {new string('k', 160)}… (10,000,000 characters): unknown field \"{new string('k', 64)}… (10,000,000 characters)\"; expected one of format,", e.Message);
        Assert.Equal(name, e.JsonPath);
    }

    [Fact]
    public void ThreeHundredThousandMetadataKeysLoadInLinearTime()
    {
        var metadata = new StringBuilder("{");
        for (int k = 0; k < 300_000; k++)
            metadata.Append(k == 0 ? "" : ",").Append("\"key").Append(k).Append("\": ").Append(k);
        metadata.Append('}');
        string text = Dense(metadata: metadata.ToString());
        // It took over 120 s when each key was compared with every earlier one; linear, it takes well under 1 s.
        var clock = Stopwatch.StartNew();
        var model = DescriptorReader.Parse(text, FileName);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(300_000, model.Metadata.Fields.Count);
        Assert.Equal("299999", model.Metadata.Fields[299_999].Value.Text);
    }

    [Fact]
    public void ADuplicateAmongManyKeysIsFound()
    {
        string metadata = "{" + string.Join(",", Enumerable.Range(0, 100_000).Select(k => $"\"key{k}\": {k}")) + ", \"key77777\": 1}";
        var e = Reject(Dense(metadata: metadata));
        Assert.Matches(@"^model\.rnn\.json\(7,\d+\): metadata\.key77777: duplicate field ""key77777""$", e.Message);
    }

    [Fact]
    public void WeightsCostABoundedNumberOfBytesEach()
    {
        // 1,000,000 weights in shortest round-trip form, ~11 bytes of text each.
        const int count = 1_000_000;
        var random = new Random(42);
        var expected = new float[count];
        var text = new StringBuilder();
        for (int k = 0; k < count; k++)
        {
            expected[k] = (float)(random.NextDouble() * 2 - 1);
            text.Append(k == 0 ? "" : ",").Append(DescriptorWriter.FormatFloat(expected[k]));
        }

        string json = "{\"format\": \"rnn-embedded\", \"version\": 1, \"input_size\": 1000, \"layers\": [{\"type\": \"dense\", \"input_size\": 1000, \"units\": 1000, \"weight\": ["
            + text + "], \"bias\": [" + string.Join(",", Enumerable.Repeat("0", 1000)) + "]}]}";
        byte[] bytes = Encoding.ASCII.GetBytes(json);
        WithFile(bytes, path =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var model = DescriptorReader.ReadFile(path);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(expected, ((DenseLayerDescriptor)model.Layers[0]).Weight.ToArray());
            // The stated bound (docs/limits.md): the file's bytes, its text as UTF-16 (2 bytes a byte), 8 bytes a
            // token and 4 a weight, plus 1 MiB; before, tokens alone took 20 bytes each plus a List's doubling.
            long bound = 3L * bytes.Length + 8L * count + 4L * count + (1 << 20);
            Assert.True(allocated <= bound, $"allocated {allocated} bytes ({(double)allocated / count:F1} a weight, {(double)allocated / bytes.Length:F2} a file byte), bound {bound}");
        });
    }
}
