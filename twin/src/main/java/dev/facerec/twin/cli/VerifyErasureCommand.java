package dev.facerec.twin.cli;

import dev.facerec.twin.TwinState;
import dev.facerec.twin.privacy.ErasureReport;
import dev.facerec.twin.privacy.ErasureVerifier;
import dev.facerec.twin.privacy.Trace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code verify-erasure}: searches every store of the running twin for a person or tenant id and prints each trace
 * left, then what it read; exits 1 when it found any.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "verify-erasure",
        description = "Search every store of the running twin (S3 versions and documents, tables, collections, queues,"
                + " logs) for a person or tenant id; exit 1 if any trace is left.")
final class VerifyErasureCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The person id or tenant id that was erased.")
    String identifier;

    @Override
    public Integer call() {
        TwinState state = RunningTwin.state(data.directory);
        ErasureReport report;
        try (ErasureVerifier verifier = ErasureVerifier.connect(state.endpoints(), state.region(), data.directory)) {
            report = verifier.search(identifier);
        }
        for (Trace trace : report.traces()) {
            System.out.println(trace);
        }
        System.out.println((report.clean() ? "no trace found" : report.traces().size() + " traces found") + " in:");
        report.read().forEach((store, what) -> System.out.println("  " + store + ": " + what));
        return report.clean() ? 0 : 1;
    }
}
