package io.fpolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.train.Benchmarks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpo-lab bench}: prints one JSON line of throughput figures measured in this run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure SGEMM peak, FPO update and rollout throughput, and the GridWorld training loop; print one JSON line.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--gridworld-iterations", paramLabel = "N", defaultValue = "5",
            description = "Timed iterations of the GridWorld loop at paper settings (0 skips it; default ${DEFAULT-VALUE}).")
    private int gridIterations;

    @Override
    public Integer call() throws Exception {
        if (gridIterations < 0 || gridIterations > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--gridworld-iterations: " + gridIterations + " is outside 0..1000");
        }
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(Benchmarks.all(gridIterations)));
        return 0;
    }
}
