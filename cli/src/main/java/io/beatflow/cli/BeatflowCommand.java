package io.beatflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code beatflow} command: one entry point over ingest, datasets, models, eval and streaming.
 *
 * <p>Each subcommand is a class of its own in this package; this class only lists them.
 */
@Command(name = "beatflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "ECG and biomedical time-series analysis: read, detect, train, evaluate, stream.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InspectCommand.class,
            DetectCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            DatasetStatsCommand.class,
            DownloadCommand.class,
            NoiseStressCommand.class,
            SynthCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            PretrainCommand.class,
            PredictCommand.class,
            ClassifyCommand.class,
            ModelInfoCommand.class,
            CombinePredictionsCommand.class,
            ExpertsCommand.class,
            ModelTableCommand.class,
            CrossValidateCommand.class,
            SetDecisionCommand.class,
            SetBaselineCommand.class,
            EnsembleCommand.class,
            MemberCommand.class,
        })
public final class BeatflowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status;
        try {
            status = commandLine().execute(args);
        } catch (Error e) {
            // ND4J loads its backend in a static initialiser: a failure arrives as an Error, past picocli;
            // so does a heap too small for the input
            String why = ErrorHandler.backendFailure(e);
            if (why == null) {
                why = ErrorHandler.outOfMemory(e, Runtime.getRuntime().maxMemory());
            }
            if (why == null) {
                throw e;
            }
            System.err.println("beatflow: " + why);
            if (System.getenv("BEATFLOW_DEBUG") != null) {
                e.printStackTrace();
            }
            status = ErrorHandler.EXIT_FAILURE;
        }
        System.exit(status);
    }

    /** The configured command line, for tests and embedding. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BeatflowCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(BeatflowCommand::badArguments);
        giveVersion(cl);
        return cl;
    }

    /**
     * Bad arguments (an unknown option, a missing or mistyped value): one line saying what, and how
     * to see the command's options, with exit status 2; the usage text is one --help away.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(cl.getColorScheme().errorText(command + ": " + e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cl.getErr());
        cl.getErr().println("(" + command + " --help lists the options)");
        cl.getErr().flush();
        return ErrorHandler.EXIT_BAD_INPUT;
    }

    /** Every command's --version prints the version (subcommands do not inherit the provider). */
    private static void giveVersion(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new VersionProvider());
            giveVersion(sub);
        }
    }
}
