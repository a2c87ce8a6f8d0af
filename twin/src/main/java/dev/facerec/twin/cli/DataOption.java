package dev.facerec.twin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option every command shares: the twin's data directory. */
final class DataOption {

    @Option(
            names = "--data",
            defaultValue = "${env:FACEREC_TWIN_DATA:-.twin}",
            description = "The twin's data directory (default: ${DEFAULT-VALUE}; env FACEREC_TWIN_DATA).")
    Path directory;
}
