using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rnn.Trainer.Training;

/// <summary>The loss curves of a run as a small self-contained SVG: training and validation loss per epoch, log scale.</summary>
internal static class LossPlot
{
    /// <summary>The plot; <paramref name="yLabel"/> names the loss on the y axis, e.g. "loss (mean squared error, log scale)".</summary>
    public static string Svg(IReadOnlyList<EpochResult> history, string title, string yLabel = "loss (log scale)")
    {
        const int width = 640, height = 400, left = 70, right = 20, top = 40, bottom = 50;
        var text = new StringBuilder();
        text.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        text.Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        text.Append($"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n");
        var values = history.SelectMany(e => new[] { e.TrainingLoss, e.ValidationLoss }).Where(v => v > 0 && double.IsFinite(v)).ToArray();
        if (history.Count == 0 || values.Length == 0)
            return text.Append("<text x=\"320\" y=\"200\" text-anchor=\"middle\">no epochs yet</text>\n</svg>\n").ToString();

        double low = Math.Floor(Math.Log10(values.Min())), high = Math.Ceiling(Math.Log10(values.Max()));
        if (high <= low)
            high = low + 1;
        int epochs = Math.Max(history[^1].Epoch, 2);
        double X(int epoch) => left + (epoch - 1) * (width - left - right) / (double)(epochs - 1);
        double Y(double v) => top + (high - Math.Log10(v)) * (height - top - bottom) / (high - low);

        text.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#888\"/>\n");
        for (double decade = low; decade <= high; decade++)
        {
            string y = F(Y(Math.Pow(10, decade)));
            text.Append($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\"/>\n");
            text.Append($"<text x=\"{left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">1e{decade:0}</text>\n");
            if (decade == high)
                break;
            // Minor ticks at 2..9 x 10^decade: a loss that stays within one decade (a text model's 1.8 to 3.4)
            // would otherwise be a flat band between two labels. Labelled only when one or two decades are shown.
            for (int m = 2; m <= 9; m++)
            {
                string minor = F(Y(m * Math.Pow(10, decade)));
                text.Append($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{minor}\" y2=\"{minor}\" stroke=\"#f0f0f0\"/>\n");
                if (high - low <= 2 && m is 2 or 3 or 5)
                    text.Append($"<text x=\"{left - 6}\" y=\"{minor}\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#666\">{m}e{decade:0}</text>\n");
            }
        }

        string middle = F(top + (height - top - bottom) / 2.0);
        text.Append($"<text x=\"16\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {middle})\">{Escape(yLabel)}</text>\n");

        foreach (int epoch in new[] { 1, (epochs + 1) / 2, epochs }.Distinct())
            text.Append($"<text x=\"{F(X(epoch))}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{epoch}</text>\n");
        text.Append($"<text x=\"{(left + width - right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">epoch</text>\n");
        Curve(text, history.Select(e => (e.Epoch, e.TrainingLoss)), "#1f77b4", X, Y);
        Curve(text, history.Select(e => (e.Epoch, e.ValidationLoss)), "#d62728", X, Y);
        text.Append($"<text x=\"{width - right - 150}\" y=\"{top + 18}\" fill=\"#1f77b4\">— training loss</text>\n");
        text.Append($"<text x=\"{width - right - 150}\" y=\"{top + 34}\" fill=\"#d62728\">— validation loss</text>\n");
        return text.Append("</svg>\n").ToString();
    }

    private static void Curve(StringBuilder text, IEnumerable<(int Epoch, double Loss)> points, string colour, Func<int, double> x, Func<double, double> y)
    {
        var finite = points.Where(p => p.Loss > 0 && double.IsFinite(p.Loss)).Select(p => $"{F(x(p.Epoch))},{F(y(p.Loss))}");
        text.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(" ", finite)}\"/>\n");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
