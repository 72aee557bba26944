import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.function.BiFunction;

/**
 * Does the backward pass of {@code x.div(4f)} read freed memory? (the EfficientNet NaN-gradient flake.)
 * Run from the checkout after a build:
 *   java -Dai.djl.offline=true -cp "cli/target/deepfer-cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*" tools/DjlScalarGradientProbe.java
 * DJL 0.36.0's PtNDArray.div(Number) (and add, sub, mul, pow) wraps the number in a tensor made by
 * torch::from_blob over a direct ByteBuffer that only the Java array keeps alive, and closes that array
 * right after the operation. Autograd keeps the tensor for the backward pass, so once the garbage
 * collector frees the buffer, backward reads whatever the memory holds by then. The probe frees it on
 * purpose (System.gc between forward and backward, then allocates scalars holding 123) and counts the
 * passes whose gradient is not the expected 1/4; it does the same with the divisor made natively by
 * NDManager.full, which torch owns.
 */
public class DjlScalarGradientProbe {
    public static void main(String[] args) throws InterruptedException {
        int passes = 50;
        System.out.println("x.div(4f):                 " + wrongGradients(passes, (m, x) -> x.div(4f))
                + " of " + passes + " passes with a wrong gradient");
        System.out.println("x.div(m.full(shape(), 4)): " + wrongGradients(passes,
                (m, x) -> x.div(m.full(new Shape(), 4f))) + " of " + passes + " passes with a wrong gradient");
    }

    private static int wrongGradients(int passes, BiFunction<NDManager, NDArray, NDArray> divideByFour)
            throws InterruptedException {
        int wrong = 0;
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = 0; i < passes; i++) {
                try (NDManager pass = root.newSubManager()) {
                    NDArray x = pass.ones(new Shape(8));
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = divideByFour.apply(pass, x).sum();
                        System.gc();
                        Thread.sleep(20); // the cleaner thread frees unreachable direct buffers
                        for (int k = 0; k < 64; k++) {
                            pass.create(123f);
                        }
                        gc.backward(y);
                    }
                    float g = x.getGradient().getFloat(0);
                    if (g != 0.25f) {
                        wrong++;
                        if (wrong <= 3) {
                            System.out.println("  pass " + i + ": gradient " + g + " instead of 0.25");
                        }
                    }
                }
            }
        }
        return wrong;
    }
}
