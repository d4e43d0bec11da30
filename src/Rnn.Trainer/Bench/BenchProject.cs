using System;
using System.IO;
using System.Reflection;

namespace Rnn.Trainer.Bench;

/// <summary>
/// The throwaway project <c>rnn bench</c> builds: the user's descriptor through the generator, published
/// with NativeAOT for the chosen instruction set, timing each step of the code the user will ship.
/// </summary>
public static class BenchProject
{
    /// <summary>The NativeAOT target framework this tool was built with (Directory.Build.props' RnnAotTargetFramework).</summary>
    public static string AotTargetFramework =>
        typeof(BenchProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single("RnnAotTargetFramework");

    private static string Single(this System.Collections.Generic.IEnumerable<AssemblyMetadataAttribute> attributes, string key)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key == key && attribute.Value is { Length: > 0 } value)
                return value;
        }

        throw new InvalidOperationException($"The rnn tool was built without the {key} metadata.");
    }

    /// <summary>Finds the Rnn.Embedded sources (src/Rnn.Runtime and src/Rnn.Generator) above <paramref name="start"/>.</summary>
    public static string? FindSources(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "Rnn.Runtime", "Rnn.Runtime.csproj"))
                && File.Exists(Path.Combine(directory.FullName, "src", "Rnn.Generator", "Rnn.Generator.csproj")))
                return directory.FullName;
        }

        return null;
    }

    /// <summary>Writes the project into <paramref name="directory"/>: csproj, program, and the descriptor as model.rnn.json.</summary>
    public static void Write(string directory, string sourcesRoot, string descriptorPath, string instructionSet)
    {
        Directory.CreateDirectory(directory);
        File.Copy(descriptorPath, Path.Combine(directory, "model.rnn.json"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "RnnBench.csproj"), ProjectFile(sourcesRoot, instructionSet));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ProgramSource);
        // Keep the repository's build settings (warnings as errors, package sources) out of the throwaway project.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
    }

    /// <summary>The throwaway project file: the generator and runtime from <paramref name="sourcesRoot"/>, NativeAOT for <paramref name="instructionSet"/>.</summary>
    public static string ProjectFile(string sourcesRoot, string instructionSet)
    {
        string isa = instructionSet == "default" ? "" : $"\n    <IlcInstructionSet>{instructionSet}</IlcInstructionSet>";
        string runtime = Path.Combine(sourcesRoot, "src", "Rnn.Runtime", "Rnn.Runtime.csproj");
        string generator = Path.Combine(sourcesRoot, "src", "Rnn.Generator", "Rnn.Generator.csproj");
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{AotTargetFramework}</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <PublishAot>true</PublishAot>
                <InvariantGlobalization>true</InvariantGlobalization>{isa}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{runtime}" />
                <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <AdditionalFiles Include="model.rnn.json" />
              </ItemGroup>
            </Project>
            """;
    }

    /// <summary>
    /// The measuring program: warm up, calibrate the timer, time each step on its own, and print one
    /// sample per line (ns) after a small header. Statistics are computed by the tool, not here.
    /// </summary>
    public const string ProgramSource = """
        using System;
        using System.Diagnostics;
        using Rnn.Runtime;

        [RnnModel("model.rnn.json")]
        partial struct BenchModel;

        static class Program
        {
            static int Main(string[] args)
            {
                int warmup = int.Parse(args[0]), steps = int.Parse(args[1]);
                const int Inputs = 4096;
                var random = new Random(1234);
                var inputs = new float[Inputs * BenchModel.InputSize];
                for (int i = 0; i < inputs.Length; i++)
                    inputs[i] = (float)(random.NextDouble() * 2 - 1);
                var output = new float[BenchModel.OutputSize];
                var model = new BenchModel();
                for (int i = 0; i < warmup; i++)
                    model.Step(inputs.AsSpan(i % Inputs * BenchModel.InputSize, BenchModel.InputSize), output);

                var overhead = new long[20_000];
                for (int i = 0; i < overhead.Length; i++)
                {
                    long a = Stopwatch.GetTimestamp();
                    long b = Stopwatch.GetTimestamp();
                    overhead[i] = b - a;
                }

                Array.Sort(overhead);
                var ticks = new long[steps];
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < steps; i++)
                {
                    var input = inputs.AsSpan(i % Inputs * BenchModel.InputSize, BenchModel.InputSize);
                    long start = Stopwatch.GetTimestamp();
                    model.Step(input, output);
                    ticks[i] = Stopwatch.GetTimestamp() - start;
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                double nsPerTick = 1e9 / Stopwatch.Frequency;
                var text = new System.Text.StringBuilder();
                text.Append("simd_path ").Append(BenchModel.ActivePath).Append('\n');
                text.Append("timer_overhead_ns ").Append((overhead[overhead.Length / 2] * nsPerTick).ToString("R")).Append('\n');
                text.Append("allocated_bytes ").Append(allocated).Append('\n');
                text.Append("samples\n");
                foreach (long t in ticks)
                    text.Append((t * nsPerTick).ToString("R")).Append('\n');
                Console.Out.Write(text.ToString());
                return 0;
            }
        }
        """;
}
