import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Does DJL's PyTorch engine convert an array to bfloat16? (budget study: parameter-level bf16.)
 * Run from the checkout after a build:
 *   java -Dai.djl.offline=true -cp "cli/target/deepfer-cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*" tools/DjlBfloat16Probe.java
 * With DJL 0.36.0 / PyTorch 2.7.1 the float16 line prints and the bfloat16 conversion aborts the JVM
 * in native code ("terminate called without an active exception", exit 134); so does
 * NDManager.randomNormal(..., DataType.BFLOAT16), which Block.initialize(manager, BFLOAT16, ...) calls.
 */
public class DjlBfloat16Probe {
    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 2));
            System.out.println("float16 conversion: " + x.toType(DataType.FLOAT16, false).getDataType());
            System.out.flush();
            System.out.println("bfloat16 conversion: " + x.toType(DataType.BFLOAT16, false).getDataType());
        }
    }
}
