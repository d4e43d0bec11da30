using System.IO;
using Rnn.Import;
using Xunit;

namespace Rnn.Import.Tests;

public class FormatDetectionTests
{
    [Fact]
    public void AFileOfNoKnownFormatIsNamedWithTheFormatsTried()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnn-import-{System.Guid.NewGuid():N}.bin");
        File.WriteAllText(path, "hello, world\n");
        try
        {
            var e = Assert.Throws<ModelImportException>(() => ModelImport.Detect(path));
            Assert.StartsWith(path + ": not a format rnn import recognises (", e.Message);
            Assert.EndsWith("name one with --format", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
