using System.Collections.Generic;
using System.Globalization;

namespace Rnn.Runtime.Descriptors;

/// <summary>
/// Reads the meaning of a grammar-checked <see cref="TokenizedJson"/>: which fields exist, their types,
/// and every float. Records each value's position so <see cref="DescriptorValidator"/> can point at it.
/// </summary>
internal sealed class DescriptorParser
{
    private static readonly string[] s_rootFields = { "format", "version", "input_size", "input_normalization", "layers", "metadata", "skip", DescriptorNames.WeightPrecisionField };
    private static readonly string[] s_rootV2Fields = { "skip", DescriptorNames.WeightPrecisionField };
    private static readonly string[] s_normalizationFields = { "mean", "std" };
    private static readonly string[] s_rnnFields = { "type", "input_size", "hidden_size", "nonlinearity", "weight_ih", "weight_hh", "bias_ih", "bias_hh" };
    private static readonly string[] s_gatedFields = { "type", "input_size", "hidden_size", "weight_ih", "weight_hh", "bias_ih", "bias_hh" };
    private static readonly string[] s_rnnV2Fields =
    {
        "direction", "clip", "initial_h", "weight_ih_reverse", "weight_hh_reverse", "bias_ih_reverse", "bias_hh_reverse", "initial_h_reverse",
    };

    private static readonly string[] s_gruV2Fields = Concat(s_rnnV2Fields, "reset_after", "gate_activation", "gate_activation_alpha", "gate_activation_beta");

    private static readonly string[] s_lstmV2Fields = Concat(s_rnnV2Fields, "gate_activation", "gate_activation_alpha", "gate_activation_beta",
        "proj_size", "weight_hr", "weight_peephole", "initial_c", "weight_hr_reverse", "weight_peephole_reverse", "initial_c_reverse");

    private static readonly string[] s_denseFields = { "type", "input_size", "units", "activation", "weight", "bias" };

    private readonly TokenizedJson _document;
    private readonly DescriptorLocator _locator;

    private DescriptorParser(TokenizedJson document)
    {
        _document = document;
        _locator = new DescriptorLocator(document);
    }

    public static ModelDescriptor Parse(string text, string? filePath)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new RnnDescriptorException(filePath, "", new SourcePosition(0, 0, 1, 1), "the file is empty; expected a descriptor object");
        var parser = new DescriptorParser(TokenizedJson.Parse(text, filePath));
        var model = parser.ParseRoot();
        DescriptorValidator.Validate(model, parser._locator);
        return model;
    }

    private ModelDescriptor ParseRoot()
    {
        var root = ReadObject(0, "", "the descriptor");

        // Format and version first: a file from a newer writer should say so, not trip over new fields.
        int formatIndex = root.Require("format", $"(expected \"{DescriptorNames.FormatName}\")");
        string format = ReadString(formatIndex, "format");
        if (format != DescriptorNames.FormatName)
            throw Error(formatIndex, "format", $"expected \"{DescriptorNames.FormatName}\", found {MessageText.Quote(format)}");

        int versionIndex = root.Require("version", $"(expected {DescriptorNames.CurrentVersion})");
        int version = ReadInteger(versionIndex, "version", "a format version");
        if (version > DescriptorNames.CurrentVersion)
            throw Error(versionIndex, "version", $"format version {version} is newer than this reader, which reads versions 1 to {DescriptorNames.CurrentVersion}; update Rnn.Embedded to read this file");
        if (version < 1)
            throw Error(versionIndex, "version", $"expected a format version from 1 to {DescriptorNames.CurrentVersion}, found {version}");

        root.RejectUnknown(s_rootFields);
        RejectNewer(root, s_rootV2Fields, version);
        int inputSize = ReadInteger(root.Require("input_size"), "input_size", "a positive size");
        int skip = 0;
        if (root.TryGet("skip", out int skipIndex))
        {
            skip = ReadInteger(skipIndex, "skip", "a positive count of input features");
            if (skip <= 0)
                throw Error(skipIndex, "skip", $"expected a positive count of input features, found {skip}");
        }

        var precision = WeightPrecision.Float32;
        if (root.TryGet(DescriptorNames.WeightPrecisionField, out int precisionIndex))
        {
            string text = ReadString(precisionIndex, DescriptorNames.WeightPrecisionField);
            if (!DescriptorNames.TryParseWeightPrecision(text, out precision))
                throw Error(precisionIndex, DescriptorNames.WeightPrecisionField, $"expected one of {string.Join(", ", DescriptorNames.WeightPrecisions)}, found {MessageText.Quote(text)}");
        }

        InputNormalization? normalization = null;
        if (root.TryGet("input_normalization", out int normalizationIndex))
        {
            var fields = ReadObject(normalizationIndex, "input_normalization", "the input normalisation");
            fields.RejectUnknown(s_normalizationFields);
            normalization = new InputNormalization(
                ReadFloats(fields.Require("mean"), "input_normalization.mean"),
                ReadFloats(fields.Require("std"), "input_normalization.std"), adopt: true);
        }

        int layersIndex = root.Require("layers");
        if (_document[layersIndex].Kind != JsonTokenKind.BeginArray)
            throw Error(layersIndex, "layers", $"expected an array of layers, found {_document.DescribeToken(layersIndex)}");
        var layers = new List<LayerDescriptor>();
        foreach (int layerIndex in Elements(layersIndex))
            layers.Add(ParseLayer(layerIndex, $"layers[{layers.Count}]", version));

        MetadataValue metadata = MetadataValue.FromObject(new KeyValuePair<string, MetadataValue>[0]);
        if (root.TryGet("metadata", out int metadataIndex))
        {
            if (_document[metadataIndex].Kind != JsonTokenKind.BeginObject)
                throw Error(metadataIndex, "metadata", $"expected an object, found {_document.DescribeToken(metadataIndex)}");
            metadata = ReadMetadata(metadataIndex, "metadata");
        }

        return new ModelDescriptor(version, inputSize, layers.ToArray(), normalization, metadata, skip, precision);
    }

    private LayerDescriptor ParseLayer(int index, string path, int version)
    {
        var fields = ReadObject(index, path, "a layer");
        int typeIndex = fields.Require("type", "(expected one of rnn, lstm, gru, dense)");
        string type = ReadString(typeIndex, path + ".type");
        if (!DescriptorNames.TryParseLayerKind(type, out var kind))
            throw Error(typeIndex, path + ".type", $"unknown layer type {MessageText.Quote(type)}; expected one of {string.Join(", ", DescriptorNames.LayerTypes)}");

        int inputSize = ReadInteger(fields.Require("input_size"), path + ".input_size", "a positive size");
        if (kind == LayerKind.Dense)
        {
            fields.RejectUnknown(s_denseFields);
            int units = ReadInteger(fields.Require("units"), path + ".units", "a positive size");
            var activation = ReadActivation(fields, "activation", path, DescriptorNames.DenseActivations, Activation.Linear);
            return new DenseLayerDescriptor(inputSize, units, activation,
                ReadFloats(fields.Require("weight"), path + ".weight"),
                ReadFloats(fields.Require("bias"), path + ".bias"), adopt: true);
        }

        string[] v1Fields = kind == LayerKind.Rnn ? s_rnnFields : s_gatedFields;
        string[] v2Fields = kind switch { LayerKind.Lstm => s_lstmV2Fields, LayerKind.Gru => s_gruV2Fields, _ => s_rnnV2Fields };
        fields.RejectUnknown(Concat(v1Fields, v2Fields));
        RejectNewer(fields, v2Fields, version);
        int hiddenSize = ReadInteger(fields.Require("hidden_size"), path + ".hidden_size", "a positive size");
        var nonlinearity = kind == LayerKind.Rnn
            ? ReadActivation(fields, "nonlinearity", path, DescriptorNames.RnnNonlinearities, Activation.Tanh)
            : Activation.Tanh;

        var direction = RecurrentDirection.Forward;
        if (fields.TryGet("direction", out int directionIndex))
        {
            string text = ReadString(directionIndex, path + ".direction");
            if (!DescriptorNames.TryParseDirection(text, out direction))
                throw Error(directionIndex, path + ".direction", $"expected one of {string.Join(", ", DescriptorNames.Directions)}, found {MessageText.Quote(text)}");
        }

        var options = new RecurrentLayerOptions
        {
            Direction = direction,
            ResetAfter = !fields.TryGet("reset_after", out int resetIndex) || ReadBoolean(resetIndex, path + ".reset_after"),
            ProjectionSize = fields.TryGet("proj_size", out int projIndex) ? ReadInteger(projIndex, path + ".proj_size", "a positive size") : 0,
            Clip = ReadOptionalNumber(fields, "clip", path, 0f),
            GateActivation = ReadActivation(fields, "gate_activation", path, DescriptorNames.GateActivations, Activation.Sigmoid),
            HardSigmoidAlpha = ReadOptionalNumber(fields, "gate_activation_alpha", path, 0.2f),
            HardSigmoidBeta = ReadOptionalNumber(fields, "gate_activation_beta", path, 0.5f),
        };
        if (projIndex >= 0 && options.ProjectionSize <= 0)
            throw Error(projIndex, path + ".proj_size", $"expected a positive size, found {options.ProjectionSize}");
        if (fields.TryGet("clip", out int clipIndex) && !(options.Clip > 0))
            throw Error(clipIndex, path + ".clip", $"expected a positive clipping threshold, found {_document.GetRawText(clipIndex)}");
        // α and β mean something only to hard_sigmoid; with sigmoid gates they would be silently ignored.
        foreach (string parameter in new[] { "gate_activation_alpha", "gate_activation_beta" })
        {
            if (options.GateActivation != Activation.HardSigmoid && fields.TryGet(parameter, out int parameterIndex))
                throw Error(parameterIndex, path + "." + parameter, $"{parameter} belongs to \"gate_activation\": \"hard_sigmoid\", but the gates are sigmoid");
        }

        var weights = ReadDirection(fields, path, "");
        RecurrentWeights? reverse = null;
        if (direction == RecurrentDirection.Bidirectional)
            reverse = ReadDirection(fields, path, "_reverse");
        else
            RejectReverseTensors(fields, path);
        return new RecurrentLayerDescriptor(kind, inputSize, hiddenSize, nonlinearity, weights, reverse, options);
    }

    private RecurrentWeights ReadDirection(ObjectFields fields, string path, string suffix)
    {
        float[]? Optional(string name) =>
            fields.TryGet(name + suffix, out int index) ? ReadFloats(index, path + "." + name + suffix) : null;

        return new RecurrentWeights(
            ReadFloats(fields.Require("weight_ih" + suffix), path + ".weight_ih" + suffix),
            ReadFloats(fields.Require("weight_hh" + suffix), path + ".weight_hh" + suffix),
            ReadFloats(fields.Require("bias_ih" + suffix), path + ".bias_ih" + suffix),
            ReadFloats(fields.Require("bias_hh" + suffix), path + ".bias_hh" + suffix),
            Optional("weight_peephole"), Optional("weight_hr"), Optional("initial_h"), Optional("initial_c"), adopt: true);
    }

    // Any *_reverse tensor on a layer that is not bidirectional would be silently ignored: refuse it.
    private void RejectReverseTensors(ObjectFields fields, string path)
    {
        foreach (var field in fields.All)
        {
            if (field.Name.EndsWith("_reverse", System.StringComparison.Ordinal))
                throw Error(field.ValueIndex, path + "." + field.Name, "reverse-direction tensors belong to a bidirectional layer; expected \"direction\": \"bidirectional\"");
        }
    }

    private void RejectNewer(ObjectFields fields, string[] newer, int version)
    {
        if (version >= 2)
            return;
        foreach (var field in fields.All)
        {
            if (System.Array.IndexOf(newer, field.Name) >= 0)
            {
                string fieldPath = fields.Path.Length == 0 ? field.Name : fields.Path + "." + field.Name;
                throw Error(field.NameIndex, fieldPath, $"field {MessageText.Quote(field.Name)} needs format version 2, but the file says version {version}; set \"version\": 2");
            }
        }
    }

    private bool ReadBoolean(int index, string path) => _document[index].Kind switch
    {
        JsonTokenKind.True => true,
        JsonTokenKind.False => false,
        _ => throw Error(index, path, $"expected true or false, found {_document.DescribeToken(index)}"),
    };

    private float ReadOptionalNumber(ObjectFields fields, string name, string path, float fallback)
    {
        if (!fields.TryGet(name, out int index))
            return fallback;
        var token = _document[index];
        if (token.Kind != JsonTokenKind.Number)
            throw Error(index, path + "." + name, $"expected a number, found {_document.DescribeToken(index)}");
        if (!Float32Parser.TryParse(_document.Text, token.Offset, token.Length, out float value))
            throw Error(index, path + "." + name, $"expected a finite float32, found {_document.GetRawText(index)}, which is beyond the float32 range (±3.4028235E+38)");
        return value;
    }

    private static string[] Concat(string[] first, params string[] second)
    {
        var all = new string[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        return all;
    }

    private Activation ReadActivation(ObjectFields fields, string name, string path, string[] allowed, Activation fallback)
    {
        if (!fields.TryGet(name, out int index))
            return fallback;
        string text = ReadString(index, path + "." + name);
        if (!DescriptorNames.TryParseActivation(text, allowed, out var activation))
            throw Error(index, path + "." + name, $"expected one of {string.Join(", ", allowed)}, found {MessageText.Quote(text)}");
        return activation;
    }

    private ObjectFields ReadObject(int index, string path, string what)
    {
        if (_document[index].Kind != JsonTokenKind.BeginObject)
            throw Error(index, path, $"expected {what} as a JSON object, found {_document.DescribeToken(index)}");
        _locator.Record(path, index);
        var fields = new ObjectFields(this, index, path);
        for (int i = index + 1; _document[i].Kind == JsonTokenKind.String;)
        {
            string name = _document.GetString(i);
            string fieldPath = path.Length == 0 ? name : path + "." + name;
            // Commas and colons are not tokens: a name's value is the next token.
            int valueIndex = i + 1;
            if (!fields.Add(name, i, valueIndex))
                throw Error(i, fieldPath, $"duplicate field {MessageText.Quote(name)}");
            _locator.Record(fieldPath, valueIndex);
            i = _document.SkipValue(valueIndex);
        }

        return fields;
    }

    private IEnumerable<int> Elements(int arrayIndex)
    {
        for (int i = arrayIndex + 1; _document[i].Kind != JsonTokenKind.EndArray;)
        {
            yield return i;
            i = _document.SkipValue(i);
        }
    }

    private string ReadString(int index, string path)
    {
        if (_document[index].Kind != JsonTokenKind.String)
            throw Error(index, path, $"expected a string, found {_document.DescribeToken(index)}");
        return _document.GetString(index);
    }

    private int ReadInteger(int index, string path, string what)
    {
        var token = _document[index];
        if (token.Kind == JsonTokenKind.Number)
        {
            string text = _document.GetRawText(index);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                return value;
        }

        throw Error(index, path, $"expected {what} (a whole number), found {_document.DescribeToken(index)}");
    }

    private float[] ReadFloats(int index, string path)
    {
        if (_document[index].Kind != JsonTokenKind.BeginArray)
            throw Error(index, path, $"expected an array of numbers, found {_document.DescribeToken(index)}");
        // Every element must be a number, one token each, so the tokens between the brackets count them exactly.
        var values = new float[_document.SkipValue(index) - index - 2];
        int count = 0;
        foreach (int i in Elements(index))
        {
            var token = _document[i];
            string ElementPath() => $"{path}[{count}]";
            switch (token.Kind)
            {
                case JsonTokenKind.Number:
                    if (!Float32Parser.TryParse(_document.Text, token.Offset, token.Length, out values[count]))
                        throw Error(i, ElementPath(), $"expected a finite float32, found {_document.GetRawText(i)}, which is beyond the float32 range (±3.4028235E+38)");
                    count++;
                    break;
                case JsonTokenKind.NaN:
                case JsonTokenKind.PositiveInfinity:
                case JsonTokenKind.NegativeInfinity:
                    throw Error(i, ElementPath(), $"expected a finite float32, found {_document.GetRawText(i)}");
                case JsonTokenKind.BeginArray:
                    throw Error(i, ElementPath(), "expected a number, found an array (weights are flat row-major arrays)");
                default:
                    throw Error(i, ElementPath(), $"expected a number, found {_document.DescribeToken(i)}");
            }
        }

        return values;
    }

    private MetadataValue ReadMetadata(int index, string path)
    {
        switch (_document[index].Kind)
        {
            case JsonTokenKind.String:
                return MetadataValue.FromString(_document.GetString(index));
            case JsonTokenKind.Number:
                return MetadataValue.FromNumberText(_document.GetRawText(index));
            case JsonTokenKind.True:
                return MetadataValue.FromBoolean(true);
            case JsonTokenKind.False:
                return MetadataValue.FromBoolean(false);
            case JsonTokenKind.Null:
                return MetadataValue.Null;
            case JsonTokenKind.BeginArray:
            {
                var items = new List<MetadataValue>();
                foreach (int i in Elements(index))
                    items.Add(ReadMetadata(i, $"{path}[{items.Count}]"));
                return MetadataValue.FromArray(items);
            }

            case JsonTokenKind.BeginObject:
            {
                var fields = ReadObject(index, path, "an object");
                var values = new List<KeyValuePair<string, MetadataValue>>();
                foreach (var field in fields.All)
                    values.Add(new KeyValuePair<string, MetadataValue>(field.Name, ReadMetadata(field.ValueIndex, path + "." + field.Name)));
                return MetadataValue.FromObject(values);
            }

            default:
                throw Error(index, path, $"expected a JSON value, found {_document.GetRawText(index)} (JSON has no NaN or Infinity)");
        }
    }

    private RnnDescriptorException Error(int index, string path, string problem) =>
        new(_document.FilePath, path, _document.PositionOf(index), problem);

    private readonly struct Field
    {
        public Field(string name, int nameIndex, int valueIndex)
        {
            Name = name;
            NameIndex = nameIndex;
            ValueIndex = valueIndex;
        }

        public string Name { get; }

        public int NameIndex { get; }

        public int ValueIndex { get; }
    }

    /// <summary>An object's fields in file order, with the lookups the parser needs and its error wording.</summary>
    private sealed class ObjectFields
    {
        private readonly DescriptorParser _parser;
        private readonly int _objectIndex;
        private readonly string _path;

        public ObjectFields(DescriptorParser parser, int objectIndex, string path)
        {
            _parser = parser;
            _objectIndex = objectIndex;
            _path = path;
        }

        // By name, so that a duplicate is found in constant time: 300,000 metadata keys read in linear time.
        private readonly Dictionary<string, int> _valueIndex = new(System.StringComparer.Ordinal);

        public List<Field> All { get; } = new();

        public string Path => _path;

        /// <summary>Adds a field; false if the object already has one of that name.</summary>
        public bool Add(string name, int nameIndex, int valueIndex)
        {
            if (_valueIndex.ContainsKey(name))
                return false;
            _valueIndex.Add(name, valueIndex);
            All.Add(new Field(name, nameIndex, valueIndex));
            return true;
        }

        public bool TryGet(string name, out int valueIndex)
        {
            if (_valueIndex.TryGetValue(name, out valueIndex))
                return true;
            valueIndex = -1;
            return false;
        }

        public int Require(string name, string hint = "")
        {
            if (TryGet(name, out int index))
                return index;
            string problem = $"missing field \"{name}\"" + (hint.Length > 0 ? " " + hint : "");
            throw _parser.Error(_objectIndex, _path, problem);
        }

        public void RejectUnknown(string[] known)
        {
            foreach (var field in All)
            {
                if (System.Array.IndexOf(known, field.Name) < 0)
                {
                    string path = _path.Length == 0 ? field.Name : _path + "." + field.Name;
                    throw _parser.Error(field.NameIndex, path, $"unknown field {MessageText.Quote(field.Name)}; expected one of {string.Join(", ", known)}");
                }
            }
        }
    }
}
