using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Rnn.Generator.Diagnostics;
using Rnn.Generator.Model;
using Rnn.Runtime.Descriptors;

namespace Rnn.Generator.Parsing;

/// <summary>Reads one descriptor AdditionalFile with the runtime's reader and plans it, or turns the reader's error into a diagnostic in the JSON file.</summary>
internal static class DescriptorLoader
{
    public static bool IsDescriptor(AdditionalText file) => file.Path.EndsWith(".rnn.json", StringComparison.OrdinalIgnoreCase);

    public static LoadedDescriptor Load(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var error = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDescriptor, null, $"{file.Path}: the file cannot be read");
            return new LoadedDescriptor(file.Path, null, error);
        }

        try
        {
            var descriptor = DescriptorReader.Parse(text.ToString(), file.Path);
            return new LoadedDescriptor(file.Path, NetworkPlanner.Plan(descriptor), null);
        }
        catch (RnnDescriptorException e)
        {
            return new LoadedDescriptor(file.Path, null, DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDescriptor, Locate(file.Path, text, e), e.Message));
        }
    }

    private static LocationInfo? Locate(string path, SourceText text, RnnDescriptorException e)
    {
        if (!e.Position.IsKnown)
            return null;
        int start = Math.Min(e.Position.Offset, text.Length);
        int length = Math.Min(e.Position.Length, text.Length - start);
        var lines = text.Lines.GetLinePositionSpan(new TextSpan(start, length));
        return new LocationInfo(path, start, length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
    }
}
