namespace Rnn.Runtime.Operators;

/// <summary>An element-wise activation, as a struct so generic loops over it inline.</summary>
internal interface IActivationOperator
{
    /// <summary>The activation of one value.</summary>
    static abstract float Invoke(float x);
}
