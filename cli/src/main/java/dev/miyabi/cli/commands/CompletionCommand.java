package dev.miyabi.cli.commands;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shell completion scripts generated from the command tree. */
@Command(
        name = "completion",
        description = {
            "Print shell completion: 'source <(miyabi completion bash)' in ~/.bashrc,",
            "or 'source <(miyabi completion zsh)' in ~/.zshrc."
        })
public final class CompletionCommand extends Base {

    enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    protected int run() {
        String script = AutoComplete.bash("miyabi", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through its bash-completion emulation.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        console().out.print(script);
        console().out.flush();
        return 0;
    }
}
