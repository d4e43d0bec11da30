using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rnn.Trainer.Data;

/// <summary>
/// A numeric CSV file: an optional header row (recognised because it is not all numbers) and rows of
/// comma-separated floats, all the same width. Every problem is a <see cref="DataFileException"/>.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string[]? header, int columns, float[] values)
    {
        Header = header;
        Columns = columns;
        Values = values;
    }

    /// <summary>Column names, or null when the file has no header row.</summary>
    public string[]? Header { get; }

    /// <summary>Values per row.</summary>
    public int Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows => Columns == 0 ? 0 : Values.Length / Columns;

    /// <summary>All values, row after row.</summary>
    public float[] Values { get; }

    /// <summary>Reads a CSV file, or standard input for "-".</summary>
    /// <exception cref="DataFileException">The file is missing, empty, ragged or holds a non-number.</exception>
    public static CsvTable Read(string path)
    {
        string[] lines = Encoding.UTF8.GetString(DataFiles.ReadBytes(path)).TrimStart('\uFEFF').Split('\n');
        path = DataFiles.DisplayName(path);

        string[]? header = null;
        int columns = 0;
        var values = new List<float>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim(); // also drops a CR LF file's CR
            if (line.Length == 0)
                continue;
            string[] fields = line.Split(',');
            if (header is null && values.Count == 0 && columns == 0 && !AllNumbers(fields))
            {
                header = Array.ConvertAll(fields, f => f.Trim());
                columns = fields.Length;
                continue;
            }

            if (columns == 0)
                columns = fields.Length;
            if (fields.Length != columns)
                throw new DataFileException(path, i + 1, 0, $"expected {columns} values (as in {(header is null ? "the first row" : "the header")}), found {fields.Length}");
            for (int c = 0; c < fields.Length; c++)
            {
                string field = fields[c].Trim();
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw new DataFileException(path, i + 1, c + 1, $"expected a finite number, found \"{field}\"");
                values.Add(value);
            }
        }

        if (values.Count == 0)
            throw new DataFileException(path, 0, 0, header is null ? "the file is empty; expected rows of numbers" : "the file has a header but no rows of numbers");
        return new CsvTable(header, columns, values.ToArray());
    }

    private static bool AllNumbers(string[] fields)
    {
        foreach (string field in fields)
        {
            if (!float.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return false;
        }

        return true;
    }
}
