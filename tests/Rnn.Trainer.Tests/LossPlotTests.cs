using System;
using System.Globalization;
using Rnn.Trainer.Training;
using Xunit;

namespace Rnn.Trainer.Tests;

/// <summary>The loss plot's axes: a y-axis label and minor ticks where the loss stays within one decade.</summary>
public sealed class LossPlotTests
{
    [Fact]
    public void ALossWithinOneDecadeGetsLabelledMinorTicksAndTheAxisIsNamed()
    {
        // A text model's loss: 3.4 falling to 1.8, all between 1e0 and 1e1.
        var history = new[] { new EpochResult(1, 3.4, 3.1, true, 1), new EpochResult(2, 2.2, 2.4, true, 1), new EpochResult(3, 1.8, 2.0, true, 1) };
        string svg = LossPlot.Svg(history, "t", "cross-entropy per character (nats, log scale)");
        // The plot area runs from y = 40 (1e1) to y = 350 (1e0): 2e0 sits log10(10/2) of a decade below the top.
        string y2 = (40 + Math.Log10(10.0 / 2) * 310).ToString("0.#", CultureInfo.InvariantCulture);
        string y5 = (40 + Math.Log10(10.0 / 5) * 310).ToString("0.#", CultureInfo.InvariantCulture);
        Assert.Equal("256.7", y2); // the reference, worked by hand: 40 + 0.69897 * 310
        Assert.Contains($"y=\"{y2}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#666\">2e0</text>", svg);
        Assert.Contains($"y=\"{y5}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#666\">5e0</text>", svg);
        Assert.Contains(">cross-entropy per character (nats, log scale)</text>", svg);
        Assert.Contains("transform=\"rotate(-90 16 195)\"", svg); // vertical, centred on the plot area
    }

    [Fact]
    public void ManyDecadesGetMinorLinesButNoMinorLabels()
    {
        var history = new[] { new EpochResult(1, 1e-1, 1e-1, true, 1), new EpochResult(2, 1e-5, 2e-5, true, 1) };
        string svg = LossPlot.Svg(history, "t");
        Assert.DoesNotContain("fill=\"#666\"", svg);
        Assert.Equal(4 * 8, svg.Split("stroke=\"#f0f0f0\"").Length - 1); // 8 minor lines in each of the 4 decades 1e-5..1e-1
        Assert.Contains(">loss (log scale)</text>", svg);
    }
}
