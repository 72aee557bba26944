package dev.deepfer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.deepfer.nn.CbamPlacement;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of named architectures: the one place where names such as
 * {@code "resnet50-cbam"} map to builders. Each name fixes the family and the default CBAM
 * placement; stem, classes and channels come from {@link NetworkOptions}.
 */
public enum Architecture {
    RESNET50("resnet50", CbamPlacement.NONE, o -> ResNet.build(ResNet.Depth.R50, o)),
    RESNET50_CBAM("resnet50-cbam", CbamPlacement.BLOCK, o -> ResNet.build(ResNet.Depth.R50, o)),
    RESNET18("resnet18", CbamPlacement.NONE, o -> ResNet.build(ResNet.Depth.R18, o)),
    RESNET18_CBAM("resnet18-cbam", CbamPlacement.BLOCK, o -> ResNet.build(ResNet.Depth.R18, o)),
    EFFICIENTNET_B0("efficientnet-b0", CbamPlacement.NONE, o -> EfficientNet.build(EfficientNet.Variant.B0, o)),
    EFFICIENTNET_B0_CBAM("efficientnet-b0-cbam", CbamPlacement.BLOCK,
            o -> EfficientNet.build(EfficientNet.Variant.B0, o)),
    EFFICIENTNET_B3("efficientnet-b3", CbamPlacement.NONE, o -> EfficientNet.build(EfficientNet.Variant.B3, o)),
    EFFICIENTNET_B3_CBAM("efficientnet-b3-cbam", CbamPlacement.BLOCK,
            o -> EfficientNet.build(EfficientNet.Variant.B3, o)),
    MULTISCALE_CNN("multiscale-cnn", CbamPlacement.NONE, MultiScaleCnn::build),
    MULTISCALE_CNN_CBAM("multiscale-cnn-cbam", CbamPlacement.BLOCK, MultiScaleCnn::build);

    private final String id;
    private final CbamPlacement defaultCbam;
    private final Function<NetworkOptions, FerNetwork> builder;

    Architecture(String id, CbamPlacement defaultCbam, Function<NetworkOptions, FerNetwork> builder) {
        this.id = id;
        this.defaultCbam = defaultCbam;
        this.builder = builder;
    }

    /** The name used by the CLI, configs and manifests. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The CBAM placement the name implies. */
    public CbamPlacement defaultCbam() {
        return defaultCbam;
    }

    /** Builds an uninitialised network with exactly the given options. */
    public FerNetwork build(NetworkOptions options) {
        return builder.apply(options);
    }

    /** Looks an architecture up by name; the error lists every valid name. */
    @JsonCreator
    public static Architecture of(String name) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; valid: " + names());
    }

    /** All names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
    }
}
