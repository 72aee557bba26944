package dev.deepfer.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Encodes a network's parameters into the arrays of a bundle's weights file in a
 * {@link WeightPrecision}, and decodes them back into the parameters. An int8 array is followed by
 * its per-channel scales, named after it with {@value #SCALE_SUFFIX}.
 */
final class WeightCodec {
    static final String SCALE_SUFFIX = "@scale";
    private static final float INT8_MAX = 127f;

    private WeightCodec() {
    }

    /** The arrays to store, in parameter order, attached to {@code scope}. */
    static NDList encode(PairList<String, Parameter> params, WeightPrecision precision, NDManager scope) {
        NDList out = new NDList();
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            if (precision == WeightPrecision.INT8 && w.getShape().dimension() >= 2) {
                NDArray[] qs = quantize(w, scope);
                qs[0].setName(p.getKey());
                qs[1].setName(p.getKey() + SCALE_SUFFIX);
                out.add(qs[0]);
                out.add(qs[1]);
            } else {
                NDArray a = w.toType(precision == WeightPrecision.FLOAT16 ? DataType.FLOAT16 : DataType.FLOAT32, true);
                a.attach(scope);
                a.setName(p.getKey());
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Symmetric per-output-channel int8 quantisation: {@code scale[c] = max|w[c]| / 127} (1 for an
     * all-zero channel) and {@code q = round(w / scale)}, so every weight is restored to within
     * half a scale step.
     *
     * @return {int8 array of w's shape, float32 scales of shape (channels)}
     */
    static NDArray[] quantize(NDArray w, NDManager scope) {
        Shape shape = w.getShape();
        long channels = shape.get(0);
        try (NDManager tmp = scope.newSubManager()) {
            NDArray rows = w.toType(DataType.FLOAT32, true);
            rows.attach(tmp);
            rows = rows.reshape(channels, -1);
            NDArray max = rows.abs().max(new int[] {1});
            NDArray scale = max.div(INT8_MAX);
            scale = scale.add(max.eq(0).toType(DataType.FLOAT32, false)); // an all-zero channel gets scale 1
            NDArray q = rows.div(scale.reshape(channels, 1)).round().clip(-INT8_MAX, INT8_MAX)
                    .toType(DataType.INT8, false).reshape(shape);
            q.attach(scope);
            scale.attach(scope);
            return new NDArray[] {q, scale};
        }
    }

    /** float32 weights from {@link #quantize}'s output. */
    static NDArray dequantize(NDArray q, NDArray scale) {
        long channels = q.getShape().get(0);
        return q.toType(DataType.FLOAT32, false).reshape(channels, -1).mul(scale.reshape(channels, 1))
                .reshape(q.getShape());
    }

    /** Sets every parameter from {@code arrays}, checking names, shapes and count. */
    static void decodeInto(PairList<String, Parameter> params, NDList arrays, Path file) throws IOException {
        long weights = arrays.stream().filter(a -> a.getName() == null || !a.getName().endsWith(SCALE_SUFFIX)).count();
        if (weights != params.size()) {
            throw new IOException(file + " holds " + weights + " arrays; the network has " + params.size());
        }
        int i = 0;
        for (Pair<String, Parameter> p : params) {
            NDArray target = p.getValue().getArray();
            if (i >= arrays.size()) {
                throw new IOException(file + " ends before parameter " + p.getKey());
            }
            NDArray source = arrays.get(i++);
            if (!p.getKey().equals(source.getName()) || !source.getShape().equals(target.getShape())) {
                throw new IOException(file + ": array " + source.getName() + " " + source.getShape()
                        + " does not fit parameter " + p.getKey() + " " + target.getShape());
            }
            if (source.getDataType() == DataType.INT8) {
                NDArray scale = i < arrays.size() ? arrays.get(i++) : null;
                Shape expected = new Shape(target.getShape().get(0));
                if (scale == null || !(p.getKey() + SCALE_SUFFIX).equals(scale.getName())
                        || !scale.getShape().equals(expected)) {
                    throw new IOException(file + ": int8 array " + p.getKey() + " is not followed by its "
                            + expected + " scales");
                }
                source = dequantize(source, scale);
            }
            target.set(source.toType(DataType.FLOAT32, false).toFloatArray());
        }
        if (i != arrays.size()) {
            throw new IOException(file + " holds " + arrays.size() + " arrays; the network's " + params.size()
                    + " parameters use " + i);
        }
    }
}
