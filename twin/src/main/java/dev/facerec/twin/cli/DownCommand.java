package dev.facerec.twin.cli;

import dev.facerec.twin.TwinState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code down}: stops the running twin; its state stays in the data directory for the next {@code up}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "down",
        description = "Stop the running twin (state stays in the data directory).")
final class DownCommand implements Callable<Integer> {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        Optional<TwinState> state = TwinState.read(data.directory);
        if (state.isEmpty() || !state.get().isAlive()) {
            TwinState.remove(data.directory);
            System.out.println("no twin is running on " + data.directory);
            return 0;
        }
        ProcessHandle process = ProcessHandle.of(state.get().pid()).orElseThrow();
        process.destroy();
        process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.out.println("twin stopped (pid " + state.get().pid() + ")");
        return 0;
    }
}
