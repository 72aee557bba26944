package dev.deepfer.report;

/**
 * One epoch of a training run as logged in {@code metrics.jsonl}: losses and accuracies
 * (fractions in [0, 1]) on the training and validation data. A value the run did not record is
 * {@code NaN} and is left out of the plot.
 */
public record EpochPoint(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {}
