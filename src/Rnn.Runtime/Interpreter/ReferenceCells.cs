using System;
using Rnn.Runtime.Descriptors;

namespace Rnn.Runtime.Interpreter;

/// <summary>
/// One time step of each layer kind in double precision, written as the equations of
/// docs/descriptor-format.md (PyTorch's cells, plus format v2's peepholes, projection, clip, hard-sigmoid
/// gates and GRU <c>reset_after: false</c>). Each step reads one direction's weights and updates that
/// direction's state in place. Slow and allocation-happy on purpose: this is the oracle.
/// </summary>
internal static class ReferenceCells
{
    /// <summary>
    /// i = σ(clip(W_ii x + b_ii + W_hi h + b_hi + p_i ⊙ c))   f = σ(clip(W_if x + b_if + W_hf h + b_hf + p_f ⊙ c))
    /// g = tanh(clip(W_ig x + b_ig + W_hg h + b_hg))           c' = f ⊙ c + i ⊙ g
    /// o = σ(clip(W_io x + b_io + W_ho h + b_ho + p_o ⊙ c'))  h' = o ⊙ tanh(c'), then h' = W_hr h' with proj_size.
    /// h has S values (P or H), c has H.
    /// </summary>
    public static void Lstm(RecurrentLayerDescriptor layer, RecurrentWeights w, double[] x, double[] h, double[] c)
    {
        int hidden = layer.HiddenSize;
        var hPrev = (double[])h.Clone();
        var cPrev = (double[])c.Clone();
        float[]? p = w.PeepholeArray;
        var gated = new double[hidden];
        for (int k = 0; k < hidden; k++)
        {
            double Gate(int g) => Dot(w.WeightIhArray, g * hidden + k, x) + w.BiasIhArray[g * hidden + k]
                                + Dot(w.WeightHhArray, g * hidden + k, hPrev) + w.BiasHhArray[g * hidden + k];
            double i = GateActivation(layer, Clip(layer, Gate(0) + (p is null ? 0 : p[k] * cPrev[k])));
            double f = GateActivation(layer, Clip(layer, Gate(1) + (p is null ? 0 : p[hidden + k] * cPrev[k])));
            double g = Math.Tanh(Clip(layer, Gate(2)));
            c[k] = f * cPrev[k] + i * g;
            double o = GateActivation(layer, Clip(layer, Gate(3) + (p is null ? 0 : p[2 * hidden + k] * c[k])));
            gated[k] = o * Math.Tanh(c[k]);
        }

        if (w.WeightHrArray is { } projection)
        {
            for (int j = 0; j < h.Length; j++)
                h[j] = Dot(projection, j, gated);
        }
        else
        {
            gated.CopyTo(h, 0);
        }
    }

    /// <summary>
    /// r = σ(clip(W_ir x + b_ir + W_hr h + b_hr))   z = σ(clip(W_iz x + b_iz + W_hz h + b_hz))
    /// reset_after true:  n = tanh(clip(W_in x + b_in + r ⊙ (W_hn h + b_hn)))
    /// reset_after false: n = tanh(clip(W_in x + b_in + W_hn (r ⊙ h) + b_hn))
    /// h' = (1 - z) ⊙ n + z ⊙ h
    /// </summary>
    public static void Gru(RecurrentLayerDescriptor layer, RecurrentWeights w, double[] x, double[] h)
    {
        int hidden = layer.HiddenSize;
        var hPrev = (double[])h.Clone();
        double InputPart(int g, int k) => Dot(w.WeightIhArray, g * hidden + k, x) + w.BiasIhArray[g * hidden + k];
        double HiddenPart(int g, int k, double[] v) => Dot(w.WeightHhArray, g * hidden + k, v) + w.BiasHhArray[g * hidden + k];
        var r = new double[hidden];
        for (int k = 0; k < hidden; k++)
            r[k] = GateActivation(layer, Clip(layer, InputPart(0, k) + HiddenPart(0, k, hPrev)));
        var resetH = new double[hidden];
        for (int k = 0; k < hidden; k++)
            resetH[k] = r[k] * hPrev[k];
        for (int k = 0; k < hidden; k++)
        {
            double z = GateActivation(layer, Clip(layer, InputPart(1, k) + HiddenPart(1, k, hPrev)));
            double n = layer.Options.ResetAfter
                ? Math.Tanh(Clip(layer, InputPart(2, k) + r[k] * HiddenPart(2, k, hPrev)))
                : Math.Tanh(Clip(layer, InputPart(2, k) + HiddenPart(2, k, resetH)));
            h[k] = (1 - z) * n + z * hPrev[k];
        }
    }

    /// <summary>h' = act(clip(W_ih x + b_ih + W_hh h + b_hh)), act = tanh or relu.</summary>
    public static void Elman(RecurrentLayerDescriptor layer, RecurrentWeights w, double[] x, double[] h)
    {
        var hPrev = (double[])h.Clone();
        for (int k = 0; k < layer.HiddenSize; k++)
        {
            double v = Clip(layer, Dot(w.WeightIhArray, k, x) + w.BiasIhArray[k] + Dot(w.WeightHhArray, k, hPrev) + w.BiasHhArray[k]);
            h[k] = layer.Nonlinearity == Activation.Relu ? Math.Max(v, 0) : Math.Tanh(v);
        }
    }

    /// <summary>y = act(W x + b).</summary>
    public static double[] Dense(DenseLayerDescriptor p, double[] x)
    {
        var y = new double[p.Units];
        for (int k = 0; k < y.Length; k++)
            y[k] = Dot(p.WeightArray, k, x) + p.BiasArray[k];
        switch (p.Activation)
        {
            case Activation.Relu:
                for (int k = 0; k < y.Length; k++) y[k] = Math.Max(y[k], 0);
                break;
            case Activation.Tanh:
                for (int k = 0; k < y.Length; k++) y[k] = Math.Tanh(y[k]);
                break;
            case Activation.Sigmoid:
                for (int k = 0; k < y.Length; k++) y[k] = Sigmoid(y[k]);
                break;
            case Activation.Softmax:
                double max = double.NegativeInfinity, sum = 0;
                foreach (double v in y) max = Math.Max(max, v);
                for (int k = 0; k < y.Length; k++) sum += y[k] = Math.Exp(y[k] - max);
                for (int k = 0; k < y.Length; k++) y[k] /= sum;
                break;
        }

        return y;
    }

    /// <summary>The hidden state a direction starts from: initial_h, or zeros.</summary>
    public static double[] InitialHidden(RecurrentLayerDescriptor layer, RecurrentWeights w) =>
        w.InitialHArray is { } h ? Array.ConvertAll(h, v => (double)v) : new double[layer.StateSize];

    /// <summary>The LSTM cell state a direction starts from: initial_c, or zeros (H values; unused by other kinds).</summary>
    public static double[] InitialCell(RecurrentLayerDescriptor layer, RecurrentWeights w) =>
        w.InitialCArray is { } c ? Array.ConvertAll(c, v => (double)v) : new double[layer.HiddenSize];

    /// <summary>Advances one direction one step: h (and c) updated in place.</summary>
    public static void Step(RecurrentLayerDescriptor layer, RecurrentWeights w, double[] x, double[] h, double[] c)
    {
        switch (layer.Kind)
        {
            case LayerKind.Lstm:
                Lstm(layer, w, x, h, c);
                break;
            case LayerKind.Gru:
                Gru(layer, w, x, h);
                break;
            default:
                Elman(layer, w, x, h);
                break;
        }
    }

    // W[row, :] · v over a row-major matrix with v.Length columns.
    private static double Dot(float[] w, int row, double[] v)
    {
        double sum = 0;
        for (int j = 0; j < v.Length; j++)
            sum += w[row * v.Length + j] * v[j];
        return sum;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>σ of the gates: the logistic sigmoid, or hard_sigmoid(v) = max(0, min(1, α v + β)).</summary>
    private static double GateActivation(RecurrentLayerDescriptor layer, double v) =>
        layer.Options.GateActivation == Activation.HardSigmoid
            ? Math.Max(0, Math.Min(1, layer.Options.HardSigmoidAlpha * v + (double)layer.Options.HardSigmoidBeta))
            : Sigmoid(v);

    /// <summary>ONNX clip: a pre-activation clamped to [-clip, clip]; unchanged when clip is 0 (none).</summary>
    private static double Clip(RecurrentLayerDescriptor layer, double v)
    {
        double clip = layer.Options.Clip;
        return clip > 0 ? Math.Max(-clip, Math.Min(clip, v)) : v;
    }
}
