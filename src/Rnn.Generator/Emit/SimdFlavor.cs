namespace Rnn.Generator.Emit;

/// <summary>One instruction-set path the generated code has a copy of: its method suffix and vector width.</summary>
internal sealed class SimdFlavor
{
    private SimdFlavor(string name, int width)
    {
        Name = name;
        Width = width;
    }

    public static readonly SimdFlavor Vector512 = new("Vector512", 16);
    public static readonly SimdFlavor Vector256 = new("Vector256", 8);
    public static readonly SimdFlavor Vector128 = new("Vector128", 4);
    public static readonly SimdFlavor Scalar = new("Scalar", 1);
    public static readonly SimdFlavor[] All = { Vector512, Vector256, Vector128, Scalar };

    /// <summary>The method suffix, and for vector paths the static class of the vector API.</summary>
    public string Name { get; }

    /// <summary>Floats per vector; 1 for the scalar path.</summary>
    public int Width { get; }

    public bool IsScalar => Width == 1;

    /// <summary>A vector load at <paramref name="offset"/> from <paramref name="reference"/>.</summary>
    public string Load(string reference, string offset) => $"{Name}.LoadUnsafe(ref {reference}, {offset})";

    /// <summary>A statement storing <paramref name="value"/> at <paramref name="offset"/> from <paramref name="reference"/>.</summary>
    public string Store(string value, string reference, int offset) => Store(value, reference, offset.ToString());

    /// <summary>A statement storing <paramref name="value"/> at the <c>nuint</c> <paramref name="offset"/> from <paramref name="reference"/>.</summary>
    public string Store(string value, string reference, string offset) => $"{Name}.StoreUnsafe({value}, ref {reference}, {offset});";

    /// <summary>
    /// The flavor a layer's code takes inside this flavor's step: the Vector512 step runs layers narrower
    /// than 16 lanes (<see cref="CodeShape.WidestVector"/>) on Vector256.
    /// </summary>
    public SimdFlavor For(Model.LayerPlan layer) => Width > CodeShape.WidestVector(layer) ? Vector256 : this;
}
