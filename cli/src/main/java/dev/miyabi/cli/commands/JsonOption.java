package dev.miyabi.cli.commands;

import picocli.CommandLine.Option;

/** {@code --json}: the server's answer unchanged, for jq and scripts. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the server's JSON answer unchanged (for jq).")
    public boolean enabled;
}
