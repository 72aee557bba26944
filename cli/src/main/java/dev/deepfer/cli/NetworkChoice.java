package dev.deepfer.cli;

import dev.deepfer.model.Architecture;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import picocli.CommandLine.Option;

/** The {@code --arch --cbam --stem} options of commands that build a network from scratch. */
final class NetworkChoice {
    @Option(names = "--arch", required = true, converter = ArchitectureConverter.class,
            description = "Architecture: ${COMPLETION-CANDIDATES}")
    Architecture arch;
    @Option(names = "--cbam", description = "none, block, stage (default: what --arch implies)")
    String cbam;
    @Option(names = "--stem", defaultValue = "imagenet", description = "imagenet or small")
    String stem;

    CbamPlacement placement() {
        return cbam == null ? arch.defaultCbam() : Commands.parseEnum(CbamPlacement.class, cbam);
    }

    /** Grey faces, 7 classes, with the chosen placement and stem. */
    NetworkOptions options() {
        return NetworkOptions.faces(placement(), Commands.parseEnum(Stem.class, stem));
    }
}
