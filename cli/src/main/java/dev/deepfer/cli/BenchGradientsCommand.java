package dev.deepfer.cli;

import dev.deepfer.model.Architecture;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.train.GradientCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code deepfer bench gradients}: gradient scale at initialisation and pass-to-pass reproducibility. */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = "Global gradient norm at initialisation on a seeded random batch (training loss), the "
                + "largest parameter gradients, and how many of --repeat identical passes differ or are not finite.")
public final class BenchGradientsCommand implements Callable<Integer> {
    @Mixin NetworkChoice network;
    @Option(names = "--size", defaultValue = "44") int size;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--repeat", defaultValue = "1", description = "Identical forward+backward passes.") int repeat;
    @Option(names = "--top", defaultValue = "5", description = "Largest parameter gradients to list.") int top;
    @Option(names = "--seed", defaultValue = "42") long seed;

    @Override
    public Integer call() {
        Architecture arch = network.arch;
        CbamPlacement placement = network.placement();
        NetworkOptions options = network.options();
        GradientCheck.Result r = GradientCheck.run(arch, options, batch, size, repeat, top, seed);
        System.out.printf(Locale.ROOT, "%s (cbam %s, %s stem), batch %d of %dx%d, seed %d%n", arch.id(),
                placement.name().toLowerCase(Locale.ROOT), network.stem, batch, size, size, seed);
        System.out.printf(Locale.ROOT, "global gradient norm: %.4g%n", r.first());
        for (GradientCheck.ParameterNorm p : r.largest()) {
            System.out.printf(Locale.ROOT, "  %10.4g  %s%n", p.norm(), p.name());
        }
        if (repeat > 1) {
            System.out.printf(Locale.ROOT, "%d identical passes: %d differ from the first, %d not finite%n", repeat,
                    r.differing(), r.nonFinite());
            if (r.differing() > 0) {
                System.out.println("norms: " + r.norms().stream().map(n -> String.format(Locale.ROOT, "%.6g", n))
                        .collect(Collectors.joining(" ")));
            }
            for (GradientCheck.Fault f : r.faults()) {
                List<String> bad = f.nonFinite();
                System.out.printf(Locale.ROOT, "pass %d: loss %s, %d logits not finite, %d parameter gradients not finite%s%n",
                        f.pass(), f.loss(), f.nonFiniteLogits(), bad.size(),
                        bad.isEmpty() ? "" : " (nearest the output: " + bad.get(bad.size() - 1)
                                + "; nearest the input: " + bad.get(0) + ")");
            }
        }
        return 0;
    }
}
