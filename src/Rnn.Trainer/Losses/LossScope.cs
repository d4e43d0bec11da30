namespace Rnn.Trainer.Losses;

/// <summary>Which steps a loss reads: every step (forecasting, next character) or only the last (sequence classification or regression).</summary>
public enum LossScope
{
    /// <summary>Targets for every step: [T, B, …].</summary>
    EveryStep,

    /// <summary>Targets for the last step only: [B, …].</summary>
    LastStep,
}
