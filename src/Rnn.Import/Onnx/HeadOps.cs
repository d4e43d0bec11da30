using System;
using System.Globalization;
using System.Linq;
using Rnn.Runtime.Descriptors;

namespace Rnn.Import.Onnx;

/// <summary>
/// The head after the recurrent nodes as dense layers, y = act(W x + b) with W units × I (nn.Linear's
/// layout): MatMul by a constant [I, units] (W = Bᵀ), Gemm (W = α·B or α·Bᵀ, b = β·C), Add of a constant bias,
/// and element-wise Relu, Tanh, Sigmoid, Softmax over the features, each folded into the dense layer before
/// it when that one has no activation yet, else an identity dense layer of its own.
/// </summary>
internal static class HeadOps
{
    public static GraphValue[]? TryTrace(OnnxNode node) => node.OpType switch
    {
        "MatMul" => [MatMul(node)],
        "Gemm" => [Gemm(node)],
        "Add" => [Add(node)],
        "Relu" => [Activate(node, Activation.Relu)],
        "Tanh" => [Activate(node, Activation.Tanh)],
        "Sigmoid" => [Activate(node, Activation.Sigmoid)],
        "Softmax" => [Softmax(node)],
        _ => null,
    };

    private static GraphValue MatMul(OnnxNode node)
    {
        node.OnlyAttributes();
        var a = Features(node, 0, "A");
        var b = node.Required<FloatConstant>(1, "B");
        int inputs = a.Stream.Features;
        if (b.Rank != 2 || b.Shape[0] != inputs)
            throw node.Error($"input 1 (B) must have shape [{inputs}, units], found [{string.Join(", ", b.Shape)}]");
        int units = checked((int)b.Shape[1]);
        var weight = new float[units * inputs];
        for (int k = 0; k < inputs; k++)
        {
            for (int j = 0; j < units; j++)
                weight[j * inputs + k] = b.Data[k * units + j]; // W = Bᵀ
        }

        return Dense(a, new DenseLayerDescriptor(inputs, units, Activation.Linear, weight, new float[units]));
    }

    private static GraphValue Gemm(OnnxNode node)
    {
        node.OnlyAttributes("alpha", "beta", "transA", "transB");
        if (node.Int("transA", 0) != 0)
            throw node.Unsupported("transA", node.Int("transA", 0).ToString(CultureInfo.InvariantCulture));
        var a = Features(node, 0, "A");
        if (a.Rank != 2)
            throw node.Error($"input 0 (A) must be a matrix [steps, features], found {a.Describe()}");
        var b = node.Required<FloatConstant>(1, "B");
        bool transB = node.Int("transB", 0) != 0;
        float alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
        int inputs = a.Stream.Features;
        if (b.Rank != 2 || b.Shape[transB ? 1 : 0] != inputs)
            throw node.Error($"input 1 (B) must have shape {(transB ? $"[units, {inputs}]" : $"[{inputs}, units]")}, found [{string.Join(", ", b.Shape)}]");
        int units = checked((int)b.Shape[transB ? 0 : 1]);
        var weight = new float[units * inputs];
        for (int j = 0; j < units; j++)
        {
            for (int k = 0; k < inputs; k++)
                weight[j * inputs + k] = alpha * (transB ? b.Data[j * inputs + k] : b.Data[k * units + j]);
        }

        var bias = new float[units];
        if (node.Input(2) is not null)
        {
            var c = Bias(node, 2, "C", units);
            for (int j = 0; j < units; j++)
                bias[j] = beta * c[j];
        }

        return Dense(a, new DenseLayerDescriptor(inputs, units, Activation.Linear, weight, bias));
    }

    private static GraphValue Add(OnnxNode node)
    {
        node.OnlyAttributes();
        int data = node.Input(0) is SequenceValue ? 0 : 1;
        if (node.Input(1 - data) is SequenceValue)
            throw node.Error("adds two run-time tensors (a residual connection), which is not supported");
        var sequence = Features(node, data, data == 0 ? "A" : "B");
        int units = sequence.Stream.Features;
        var bias = Bias(node, 1 - data, data == 0 ? "B" : "A", units);
        if (sequence.Stream is { IsPlainDense: true, Layer: DenseLayerDescriptor dense })
        {
            // Fold into the dense layer before it: W x + (b + c).
            var sum = dense.Bias.ToArray();
            for (int j = 0; j < units; j++)
                sum[j] += bias[j];
            return sequence.With(sequence.Stream.Replace(new DenseLayerDescriptor(dense.InputSize, units, Activation.Linear, dense.Weight.ToArray(), sum)), sequence.Axes);
        }

        return Dense(sequence, new DenseLayerDescriptor(units, units, Activation.Linear, Identity(units), bias));
    }

    private static GraphValue Activate(OnnxNode node, Activation activation)
    {
        node.OnlyAttributes();
        var sequence = node.Required<SequenceValue>(0, "X");
        return WithActivation(sequence, activation);
    }

    private static GraphValue Softmax(OnnxNode node)
    {
        node.OnlyAttributes("axis");
        var sequence = Features(node, 0, "input");
        // Opset 13 takes the softmax over one axis (default -1); earlier opsets over the axes from `axis` on (default 1).
        long axis = node.Int("axis", node.Opset >= 13 ? -1 : 1);
        if (ShapeOps.Normalize(axis, sequence.Rank, clamp: false, node) != sequence.Rank - 1)
            throw node.Error($"attribute axis={axis} is not supported: the softmax must be over the feature axis, the last of {sequence.Describe()}");
        return WithActivation(sequence, Activation.Softmax);
    }

    private static SequenceValue WithActivation(SequenceValue sequence, Activation activation)
    {
        int units = sequence.Stream.Features;
        if (sequence.Stream is { IsPlainDense: true, Layer: DenseLayerDescriptor dense })
            return sequence.With(sequence.Stream.Replace(new DenseLayerDescriptor(dense.InputSize, units, activation, dense.Weight.ToArray(), dense.Bias.ToArray())), sequence.Axes);
        // After a recurrent layer or an activation: a dense layer of its own, y = act(I x + 0), exact in float32.
        return Dense(sequence, new DenseLayerDescriptor(units, units, activation, Identity(units), new float[units]));
    }

    private static SequenceValue Dense(SequenceValue input, DenseLayerDescriptor layer)
    {
        var axes = input.Axes.ToArray();
        axes[^1] = Axis.Feature(layer.Units, 1);
        return input.With(input.Stream.Then(layer), axes);
    }

    /// <summary>The run-time input of a node that acts on the feature vector: it must be the last axis, whole.</summary>
    internal static SequenceValue Features(OnnxNode node, int index, string role)
    {
        var sequence = node.Required<SequenceValue>(index, role);
        if (!sequence.FeaturesLast)
            throw node.Error($"input {index} ({role}) must have all {sequence.Stream.Features} features of a step on its last axis, found {sequence.Describe()}");
        return sequence;
    }

    /// <summary>A constant that broadcasts along the feature axis only: shape [], [1], [units] or [1, …, 1, units].</summary>
    internal static float[] Bias(OnnxNode node, int index, string role, int units)
    {
        var c = node.Required<FloatConstant>(index, role);
        bool perFeature = c.Rank > 0 && c.Shape[^1] == units && c.Shape.Take(c.Rank - 1).All(d => d == 1);
        bool scalar = c.Data.Length == 1 && c.Shape.All(d => d == 1);
        if (!perFeature && !scalar)
            throw node.Error($"input {index} ({role}) must broadcast along the features only ([{units}]), found [{string.Join(", ", c.Shape)}]");
        return perFeature ? c.Data : Enumerable.Repeat(c.Data[0], units).ToArray();
    }

    private static float[] Identity(int units)
    {
        var weight = new float[units * units];
        for (int j = 0; j < units; j++)
            weight[j * units + j] = 1f;
        return weight;
    }
}
