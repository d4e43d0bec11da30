using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Rnn.Generator.Tests;

/// <summary>The pipeline stays cached across edits that do not touch a model, and its model holds no compiler objects.</summary>
public class IncrementalTests
{
    private const string Source = "namespace Demo; [Rnn.Runtime.RnnModel(\"m.rnn.json\")] public partial struct Model;";
    private static readonly string Descriptor = GeneratorHarness.Fixture("Fixtures/golden/gru_i7_h33.rnn.json");

    private static readonly string[] Steps =
    {
        TrackingNames.Requests, TrackingNames.Descriptors, TrackingNames.LanguageVersion, TrackingNames.AllowUnsafe, TrackingNames.Models,
    };

    [Fact]
    public void AnUnrelatedEditLeavesEveryStepCached()
    {
        var (_, _, driver) = GeneratorHarness.Run(Source, ("m.rnn.json", Descriptor));
        var compilation = GeneratorHarness.Compile(LanguageVersion.Latest, ("Models.cs", Source));

        // Add an unrelated file and edit nothing else.
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int Answer => 42; }",
            (CSharpParseOptions)compilation.SyntaxTrees[0].Options, "/project/Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in Steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.All(outputs, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void EditingAWeightRegeneratesTheModel()
    {
        int at = Descriptor.IndexOf("0.", Descriptor.IndexOf("\"weight_ih\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var reasons = ReasonsAfterEditing(Descriptor[..at] + "1." + Descriptor[(at + 2)..]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Descriptors]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Models]);
    }

    [Fact]
    public void EditingOnlyMetadataLeavesTheGeneratedCodeAlone()
    {
        var reasons = ReasonsAfterEditing(Descriptor.Replace("\"notes\"", "\"training_notes\""));
        Assert.All(reasons[TrackingNames.Descriptors], r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(reasons[TrackingNames.Models], r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    private static Dictionary<string, IncrementalStepRunReason[]> ReasonsAfterEditing(string editedDescriptor)
    {
        var compilation = GeneratorHarness.Compile(LanguageVersion.Latest, ("Models.cs", Source));
        var original = new InMemoryAdditionalText("/project/m.rnn.json", Descriptor);
        var driver = GeneratorHarness.Driver(compilation, new[] { original }).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(original.Path, editedDescriptor));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        return Steps.ToDictionary(step => step, step => result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray());
    }

    [Fact]
    public void TheModelBetweenStepsHoldsNoCompilerObjects()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };
        var modelTypes = typeof(RnnGenerator).Assembly.GetTypes().Where(t => t.Namespace == "Rnn.Generator.Model" && !t.IsNested).ToArray();
        Assert.Contains(modelTypes, t => t.Name == "NetworkPlan");
        var seen = new HashSet<Type>();
        void Walk(Type type, string path)
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
                return;
            Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.Name}");
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                    Walk(argument, path + "<" + argument.Name + ">");
            }

            if (type.Namespace?.StartsWith("Rnn.Generator", StringComparison.Ordinal) != true)
                return;
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                Walk(field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType, path + "." + field.Name);
        }

        foreach (var type in modelTypes)
            Walk(type, type.Name);
    }
}
