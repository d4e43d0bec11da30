using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Writes descriptors in the oldest format version that holds the model (v1 unless it uses a v2 feature): floats as their shortest round-trip decimal (reads back bit-exactly),
/// weight matrices one row per line so a diff of two models stays readable.
/// </summary>
public static class DescriptorWriter
{
    /// <summary>The descriptor as JSON text.</summary>
    public static string ToJson(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var json = new StringBuilder();
        using (var writer = new StringWriter(json, CultureInfo.InvariantCulture))
            Write(model, writer);
        return json.ToString();
    }

    /// <summary>
    /// Writes the descriptor to <paramref name="path"/> through a temporary file and a rename, so an
    /// existing file is replaced whole or not at all.
    /// </summary>
    public static void WriteFile(ModelDescriptor model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                Write(model, stream);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes the descriptor as JSON to <paramref name="writer"/>.</summary>
    public static void Write(ModelDescriptor model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("{\n");
        writer.Write($"  \"format\": \"{DescriptorNames.FormatName}\",\n");
        writer.Write($"  \"version\": {model.RequiredVersion},\n");
        writer.Write($"  \"input_size\": {model.InputSize},\n");
        if (model.Skip != 0)
            writer.Write($"  \"skip\": {model.Skip},\n");
        if (model.WeightPrecision != WeightPrecision.Float32)
            writer.Write($"  \"{DescriptorNames.WeightPrecisionField}\": \"{DescriptorNames.Of(model.WeightPrecision)}\",\n");
        if (model.InputNormalization is { } normalization)
        {
            writer.Write("  \"input_normalization\": {\n");
            WriteFloats(writer, "    ", "mean", normalization.MeanArray, normalization.MeanArray.Length, last: false);
            WriteFloats(writer, "    ", "std", normalization.StdArray, normalization.StdArray.Length, last: true);
            writer.Write("  },\n");
        }

        writer.Write("  \"layers\": [\n");
        for (int l = 0; l < model.Layers.Count; l++)
        {
            WriteLayer(writer, model.Layers[l]);
            writer.Write(l + 1 < model.Layers.Count ? "    },\n" : "    }\n");
        }

        writer.Write("  ],\n");
        writer.Write("  \"metadata\": ");
        WriteMetadata(writer, model.Metadata, "  ");
        writer.Write("\n}\n");
    }

    private static void WriteLayer(TextWriter writer, LayerDescriptor layer)
    {
        const string indent = "      ";
        writer.Write("    {\n");
        writer.Write($"{indent}\"type\": \"{DescriptorNames.Of(layer.Kind)}\",\n");
        writer.Write($"{indent}\"input_size\": {layer.InputSize},\n");
        if (layer is RecurrentLayerDescriptor recurrent)
        {
            writer.Write($"{indent}\"hidden_size\": {recurrent.HiddenSize},\n");
            if (recurrent.Kind == LayerKind.Rnn)
                writer.Write($"{indent}\"nonlinearity\": \"{DescriptorNames.Of(recurrent.Nonlinearity)}\",\n");
            var options = recurrent.Options;
            if (options.Direction != RecurrentDirection.Forward)
                writer.Write($"{indent}\"direction\": \"{DescriptorNames.Of(options.Direction)}\",\n");
            if (!options.ResetAfter)
                writer.Write($"{indent}\"reset_after\": false,\n");
            if (options.ProjectionSize != 0)
                writer.Write($"{indent}\"proj_size\": {options.ProjectionSize},\n");
            if (options.Clip != 0)
                writer.Write($"{indent}\"clip\": {FormatFloat(options.Clip)},\n");
            if (options.GateActivation != Activation.Sigmoid)
            {
                writer.Write($"{indent}\"gate_activation\": \"{DescriptorNames.Of(options.GateActivation)}\",\n");
                writer.Write($"{indent}\"gate_activation_alpha\": {FormatFloat(options.HardSigmoidAlpha)},\n");
                writer.Write($"{indent}\"gate_activation_beta\": {FormatFloat(options.HardSigmoidBeta)},\n");
            }

            WriteDirection(writer, indent, recurrent, recurrent.Weights, "", last: recurrent.ReverseWeights is null);
            if (recurrent.ReverseWeights is { } reverse)
                WriteDirection(writer, indent, recurrent, reverse, "_reverse", last: true);
        }
        else if (layer is DenseLayerDescriptor dense)
        {
            writer.Write($"{indent}\"units\": {dense.Units},\n");
            writer.Write($"{indent}\"activation\": \"{DescriptorNames.Of(dense.Activation)}\",\n");
            WriteFloats(writer, indent, "weight", dense.WeightArray, dense.InputSize, last: false);
            WriteFloats(writer, indent, "bias", dense.BiasArray, dense.Units, last: true);
        }
    }

    private static void WriteDirection(TextWriter writer, string indent, RecurrentLayerDescriptor layer, RecurrentWeights weights, string suffix, bool last)
    {
        var optional = new (string Name, float[]? Values, int RowLength)[]
        {
            ("weight_hr", weights.WeightHrArray, layer.HiddenSize),
            ("weight_peephole", weights.PeepholeArray, layer.HiddenSize),
            ("initial_h", weights.InitialHArray, layer.StateSize),
            ("initial_c", weights.InitialCArray, layer.HiddenSize),
        };
        int lastOptional = -1;
        for (int k = 0; k < optional.Length; k++)
        {
            if (optional[k].Values is not null)
                lastOptional = k;
        }

        WriteFloats(writer, indent, "weight_ih" + suffix, weights.WeightIhArray, layer.InputSize, last: false);
        WriteFloats(writer, indent, "weight_hh" + suffix, weights.WeightHhArray, layer.StateSize, last: false);
        WriteFloats(writer, indent, "bias_ih" + suffix, weights.BiasIhArray, layer.HiddenSize, last: false);
        WriteFloats(writer, indent, "bias_hh" + suffix, weights.BiasHhArray, layer.HiddenSize, last: last && lastOptional < 0);
        for (int k = 0; k < optional.Length; k++)
        {
            if (optional[k].Values is { } values)
                WriteFloats(writer, indent, optional[k].Name + suffix, values, optional[k].RowLength, last: last && k == lastOptional);
        }
    }

    private static void WriteFloats(TextWriter writer, string indent, string name, float[] values, int rowLength, bool last)
    {
        writer.Write($"{indent}\"{name}\": [");
        for (int k = 0; k < values.Length; k++)
        {
            if (k > 0)
                writer.Write(k % rowLength == 0 ? ",\n" + indent + "  " : ", ");
            else if (values.Length > rowLength)
                writer.Write("\n" + indent + "  ");
            writer.Write(FormatFloat(values[k]));
        }

        if (values.Length > rowLength)
            writer.Write("\n" + indent);
        writer.Write(last ? "]\n" : "],\n");
    }

    /// <summary>The shortest decimal text that reads back as exactly <paramref name="value"/>.</summary>
    public static string FormatFloat(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteMetadata(TextWriter writer, MetadataValue value, string indent)
    {
        switch (value.Kind)
        {
            case MetadataKind.String:
                WriteString(writer, value.Text!);
                break;
            case MetadataKind.Number:
                writer.Write(value.Text);
                break;
            case MetadataKind.Boolean:
                writer.Write(value.Boolean ? "true" : "false");
                break;
            case MetadataKind.Null:
                writer.Write("null");
                break;
            case MetadataKind.Array:
                writer.Write('[');
                for (int i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                        writer.Write(", ");
                    WriteMetadata(writer, value.Items[i], indent);
                }

                writer.Write(']');
                break;
            case MetadataKind.Object:
                if (value.Fields.Count == 0)
                {
                    writer.Write("{}");
                    break;
                }

                writer.Write("{\n");
                for (int i = 0; i < value.Fields.Count; i++)
                {
                    writer.Write(indent + "  ");
                    WriteString(writer, value.Fields[i].Key);
                    writer.Write(": ");
                    WriteMetadata(writer, value.Fields[i].Value, indent + "  ");
                    writer.Write(i + 1 < value.Fields.Count ? ",\n" : "\n");
                }

                writer.Write(indent + "}");
                break;
        }
    }

    private static void WriteString(TextWriter writer, string text)
    {
        writer.Write('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': writer.Write("\\\""); break;
                case '\\': writer.Write("\\\\"); break;
                case '\n': writer.Write("\\n"); break;
                case '\r': writer.Write("\\r"); break;
                case '\t': writer.Write("\\t"); break;
                default:
                    if (c < ' ')
                        writer.Write($"\\u{(int)c:x4}");
                    else
                        writer.Write(c);
                    break;
            }
        }

        writer.Write('"');
    }
}
