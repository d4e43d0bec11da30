using System;
using System.IO;
using Rnn.Generator.Emit;
using Rnn.Generator.Model;
using Rnn.Generator.Parsing;
using Rnn.Runtime.Descriptors;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>
/// The emitter on descriptor-v2 input, without a compilation: snapshots of a step-by-step model with every
/// per-step v2 feature (peepholes, projection, learned initial state, clip, hard-sigmoid gates, GRU reset
/// before, skip) and of a whole-sequence one (a bidirectional layer), with their C entry points.
/// Regenerate with RNN_UPDATE_SNAPSHOTS=1 after a deliberate change, and read the diff.
/// </summary>
public class EmitterV2Tests
{
    /// <summary>docs/descriptor-format.md's complete v2 example with the GRU's direction set by the caller.</summary>
    private static string Descriptor(string gruDirection) => $$"""
        {
          "format": "rnn-embedded",
          "version": 2,
          "input_size": 1,
          "skip": 1,
          "layers": [
            {
              "type": "lstm", "input_size": 1, "hidden_size": 2, "proj_size": 1,
              "weight_ih": [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8],
              "weight_hh": [0.01, -0.02, 0.03, 0.04, -0.05, 0.06, 0.07, -0.08],
              "bias_ih": [0, 0.1, 0, 0.1, 0, 0.1, 0, 0.1],
              "bias_hh": [0.2, 0, 0.2, 0, 0.2, 0, 0.2, 0],
              "weight_hr": [0.5, -0.75],
              "weight_peephole": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
              "initial_h": [0.25],
              "initial_c": [-0.5, 0.5]
            },
            {
              "type": "gru", "input_size": 1, "hidden_size": 1, "direction": "{{gruDirection}}",
              "reset_after": false, "gate_activation": "hard_sigmoid", "clip": 3,
              "weight_ih": [0.3, -0.6, 0.9], "weight_hh": [0.2, 0.4, -0.8], "bias_ih": [0.1, 0, -0.1], "bias_hh": [0, 0.05, 0]{{(gruDirection == "bidirectional" ? """
            ,
              "weight_ih_reverse": [-0.3, 0.6, 0.45], "weight_hh_reverse": [0.1, -0.2, 0.7],
              "bias_ih_reverse": [0, 0.1, 0], "bias_hh_reverse": [0.02, 0, 0.04]
            """ : "")}}
            },
            {
              "type": "dense", "input_size": {{(gruDirection == "bidirectional" ? 2 : 1)}}, "units": 1,
              "weight": [0.5{{(gruDirection == "bidirectional" ? ", 0.5" : "")}}], "bias": [0]
            }
          ]
        }
        """;

    private static ModelRequest Request(string name) => new("Demo", EquatableArray<string>.Empty, name, "struct", "global::Demo." + name,
        name + ".rnn.json", "/project/Models.cs", null, name.ToLowerInvariant());

    [Theory]
    [InlineData("forward", "StepV2")]
    [InlineData("bidirectional", "WholeSequenceV2")]
    public void TheEmittedCodeMatchesTheSnapshot(string gruDirection, string name)
    {
        var plan = NetworkPlanner.Plan(DescriptorReader.Parse(Descriptor(gruDirection), name + ".rnn.json"));
        Assert.Equal(gruDirection == "bidirectional", plan.WholeSequence);
        AssertSnapshot(name + ".g.cs.txt", ModelEmitter.Emit(Request(name), plan, $"/project/{name}.rnn.json"));
        AssertSnapshot(name + ".Native.g.cs.txt", NativeExportsEmitter.Emit(Request(name), plan, name.ToLowerInvariant(), $"/project/{name}.rnn.json"));
    }

    private static void AssertSnapshot(string file, string emitted)
    {
        if (Environment.GetEnvironmentVariable("RNN_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", file), emitted);
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", file)), emitted);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
