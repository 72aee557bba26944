package dev.deepfer.model;

import dev.deepfer.data.Emotion;
import dev.deepfer.nn.CbamPlacement;

/**
 * Options shared by every architecture: input channels (1 for grey faces, 3 for RGB), number of
 * classes, where CBAM goes, the stem, and the dropout before the classifier.
 */
public record NetworkOptions(int inputChannels, int classes, CbamPlacement cbam, Stem stem, float dropout) {

    public NetworkOptions {
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("input channels must be 1 or 3, got " + inputChannels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (cbam == null || stem == null) {
            throw new IllegalArgumentException("cbam placement and stem are required");
        }
    }

    /** Grey 7-class faces with the given attention and stem, dropout 0.3. */
    public static NetworkOptions faces(CbamPlacement cbam, Stem stem) {
        return new NetworkOptions(1, Emotion.COUNT, cbam, stem, 0.3f);
    }

    public NetworkOptions withCbam(CbamPlacement placement) {
        return new NetworkOptions(inputChannels, classes, placement, stem, dropout);
    }

    public NetworkOptions withStem(Stem s) {
        return new NetworkOptions(inputChannels, classes, cbam, s, dropout);
    }

    public NetworkOptions withClasses(int n, int channels) {
        return new NetworkOptions(channels, n, cbam, stem, dropout);
    }

    public NetworkOptions withDropout(float d) {
        return new NetworkOptions(inputChannels, classes, cbam, stem, d);
    }
}
