using System.Text.Json;

namespace Rnn.Import.Keras;

/// <summary>Reads the nested arrays of a layer's <c>weights</c> list (what Keras's <c>get_weights()</c> returns, as JSON) with their shapes checked.</summary>
internal static class KerasTensors
{
    /// <summary>A [rows][columns] array as row-major floats; <paramref name="meaning"/> names the tensor for errors, e.g. <c>kernel [inputs][4·units]</c>.</summary>
    public static float[] Matrix(string file, JsonElement value, string where, int rows, int columns, string meaning)
    {
        ImportJson.Array(file, value, where);
        if (value.GetArrayLength() != rows)
            throw new ModelImportException(file, $"{where}: expected {rows} x {columns} numbers ({meaning}), found {value.GetArrayLength()} rows");
        var result = new float[rows * columns];
        int r = 0;
        foreach (var row in value.EnumerateArray())
        {
            string rowWhere = $"{where}[{r}]";
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != columns)
                throw new ModelImportException(file, $"{rowWhere}: expected {columns} numbers (a row of the {meaning}), found {ImportJson.Describe(row)}");
            ImportJson.Floats(file, row, rowWhere, columns, meaning).CopyTo(result, r * columns);
            r++;
        }

        return result;
    }

    /// <summary>Whether a weight is a nested array (a matrix) rather than a flat list of numbers.</summary>
    public static bool IsMatrix(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Array;
}
