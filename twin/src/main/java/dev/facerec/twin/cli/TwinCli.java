package dev.facerec.twin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The twin's command line: {@code up}, {@code enroll}, {@code recognize}, {@code people}, {@code forget},
 * {@code demo}, {@code run-schedule}, {@code verify}, {@code identify}, {@code liveness}, {@code verify-erasure},
 * {@code down}.
 */
@Command(
        name = "twin",
        mixinStandardHelpOptions = true,
        versionProvider = TwinVersion.class,
        scope = ScopeType.INHERIT,
        description = "Runs the synthesized facerec stack offline and talks to it.",
        subcommands = {
            UpCommand.class,
            EnrollCommand.class,
            RecognizeCommand.class,
            PeopleCommand.class,
            ForgetCommand.class,
            DemoCommand.class,
            RunScheduleCommand.class,
            VerifyCommand.class,
            IdentifyCommand.class,
            LivenessCommand.class,
            VerifyErasureCommand.class,
            StreamCommand.class,
            DownCommand.class
        })
public final class TwinCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code; errors are printed as one line that says what to do. */
    public static int run(String... args) {
        return new CommandLine(new TwinCli())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    Throwable cause = e.getCause();
                    commandLine
                            .getErr()
                            .println("twin: " + e.getMessage()
                                    + (cause != null
                                                    && cause.getMessage() != null
                                                    && !e.getMessage().contains(cause.getMessage())
                                            ? " (" + cause.getMessage() + ")"
                                            : ""));
                    return 1;
                })
                .execute(args);
    }
}
