package dev.deepfer.cli;

import dev.deepfer.model.Architecture;
import picocli.CommandLine.ITypeConverter;

import java.util.ArrayList;
import java.util.Arrays;

/** Maps {@code --arch} names to the registry. */
final class ArchitectureConverter implements ITypeConverter<Architecture> {
    @Override
    public Architecture convert(String value) {
        return Architecture.of(value);
    }

    /** Completion candidates and help text. */
    static final class Names extends ArrayList<String> {
        Names() {
            super(Arrays.stream(Architecture.values()).map(Architecture::id).toList());
        }
    }
}
