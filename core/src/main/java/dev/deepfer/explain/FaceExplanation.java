package dev.deepfer.explain;

import dev.deepfer.data.Emotion;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.face.FaceBox;

import java.util.List;
import java.util.Optional;

/**
 * Why the model said what it said about one face.
 *
 * @param box           where the face was found in the image; empty for dataset crops
 * @param crop          the grey pixels the networks saw (the centre {@code size x size} of the
 *                      aligned face, before normalisation; a member with a smaller input saw the
 *                      centre of it), row-major
 * @param size          side of {@code crop} and of every map
 * @param target        the emotion explained (the prediction unless one was asked for)
 * @param probabilities the model's (fused, calibrated) probabilities, in {@link Emotion} order
 * @param ensembleMap   the members' Grad-CAM maps combined with the fusion weights, in [0, 1]
 * @param members       each member's vote and maps, in the ensemble's order
 */
public record FaceExplanation(Optional<FaceBox> box, byte[] crop, int size, Emotion target, float[] probabilities,
                              HeatMap ensembleMap, List<MemberExplanation> members) {

    public FaceExplanation {
        crop = crop.clone();
        probabilities = probabilities.clone();
        members = List.copyOf(members);
        if (crop.length != size * size || ensembleMap.width() != size || ensembleMap.height() != size) {
            throw new IllegalArgumentException("crop and maps must be " + size + "x" + size);
        }
    }

    @Override
    public byte[] crop() {
        return crop.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The model's top emotion. */
    public Emotion predicted() {
        return Emotion.ofIndex(DatasetScorer.argmax(probabilities));
    }

    /** Whether every member's top emotion is the model's. */
    public boolean membersAgree() {
        int p = predicted().ordinal();
        return members.stream().allMatch(m -> DatasetScorer.argmax(m.probabilities()) == p);
    }
}
