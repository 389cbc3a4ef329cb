package io.beatflow.cli;

import picocli.CommandLine;

/** Prints the beatflow version and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = BeatflowCommand.class.getPackage().getImplementationVersion();
        return new String[] {"beatflow " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
