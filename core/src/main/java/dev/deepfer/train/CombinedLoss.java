package dev.deepfer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.stream.Collectors;
import dev.deepfer.nn.Scalars;

/**
 * Weighted sum of losses evaluated on the same labels and logits:
 *
 * <pre>
 *   L = sum_k  w_k * L_k
 * </pre>
 *
 * deepfer's reference recipe is {@code 0.5 * FocalLoss(gamma=2) + 0.5 *
 * LabelSmoothingCrossEntropy(eps=0.1)} (see {@link LossConfig#focalPlusSmoothing()}). Unlike
 * DJL's {@code AbstractCompositeLoss}, the accumulated value reported during training is the
 * weighted sum that is optimised, not the unweighted sum of the parts.
 */
public class CombinedLoss extends Loss {

    /** One weighted component. */
    public record Term(Loss loss, float weight) {
        /** Validates that the loss is present and the weight finite and positive. */
        public Term {
            if (loss == null) {
                throw new IllegalArgumentException("loss term must not be null");
            }
            if (!(weight > 0) || Float.isInfinite(weight)) {
                throw new IllegalArgumentException(
                        "weight of " + loss.getName() + " must be positive and finite, got " + weight);
            }
        }
    }

    private final List<Term> terms;

    /** @param terms at least one weighted loss */
    public CombinedLoss(List<Term> terms) {
        super(terms.stream().map(t -> t.weight() + "*" + t.loss().getName())
                .collect(Collectors.joining("+")));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a combined loss needs at least one term");
        }
        this.terms = List.copyOf(terms);
    }

    /** The two-term form {@code wa * a + wb * b}. */
    public CombinedLoss(Loss a, float wa, Loss b, float wb) {
        this(List.of(new Term(a, wa), new Term(b, wb)));
    }

    /** The components in evaluation order. */
    public List<Term> terms() {
        return terms;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (Term term : terms) {
            NDArray loss = term.loss().evaluate(labels, predictions);
            NDArray part = loss.mul(Scalars.like(loss, term.weight()));
            total = total == null ? part : total.add(part);
        }
        return total;
    }
}
