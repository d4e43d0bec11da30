using System;
using System.IO;
using Rnn.Trainer.Data;
using Xunit;

namespace Rnn.Trainer.Tests;

public sealed class CsvTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rnn-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_directory, "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadsAHeaderAndRows()
    {
        var table = CsvTable.Read(Write("t,x\n0,1.5\n1,-2e-3\n\n2, 4 \n"));
        Assert.Equal(new[] { "t", "x" }, table.Header);
        Assert.Equal(2, table.Columns);
        Assert.Equal(3, table.Rows);
        Assert.Equal(new[] { 0f, 1.5f, 1f, -2e-3f, 2f, 4f }, table.Values);
    }

    [Fact]
    public void ReadsRowsWithoutAHeader()
    {
        var table = CsvTable.Read(Write("1,2\n3,4\n"));
        Assert.Null(table.Header);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, table.Values);
    }

    [Fact]
    public void EmptyFile()
    {
        string path = Write("");
        var e = Assert.Throws<DataFileException>(() => CsvTable.Read(path));
        Assert.Equal($"{path}: the file is empty; expected rows of numbers", e.Message);
    }

    [Fact]
    public void NonNumericCell()
    {
        string path = Write("x,y\n1,2\n3,abc\n");
        var e = Assert.Throws<DataFileException>(() => CsvTable.Read(path));
        Assert.Equal($"{path}:3, column 2: expected a finite number, found \"abc\"", e.Message);
    }

    [Fact]
    public void RaggedRow()
    {
        string path = Write("1,2\n3,4\n5\n");
        var e = Assert.Throws<DataFileException>(() => CsvTable.Read(path));
        Assert.Equal($"{path}:3: expected 2 values (as in the first row), found 1", e.Message);
    }

    [Fact]
    public void NonFiniteCell()
    {
        string path = Write("1\nNaN\n");
        var e = Assert.Throws<DataFileException>(() => CsvTable.Read(path));
        Assert.Equal($"{path}:2, column 1: expected a finite number, found \"NaN\"", e.Message);
    }
}
