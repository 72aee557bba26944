package dev.deepfer.explain;

import java.util.List;

/**
 * The explanations of a batch of faces and what they cost.
 *
 * @param faces        one per face, in input order
 * @param members      the member names, in the ensemble's order
 * @param memberMillis wall time spent in each member (forward, gradient, maps) for the whole batch
 * @param totalMillis  wall time of the whole call (members, fusion, resizing, normalising)
 */
public record Explanations(List<FaceExplanation> faces, List<String> members, double[] memberMillis,
                           double totalMillis) {

    public Explanations {
        faces = List.copyOf(faces);
        members = List.copyOf(members);
        memberMillis = memberMillis.clone();
    }

    @Override
    public double[] memberMillis() {
        return memberMillis.clone();
    }
}
