package io.spacetime.runbook.sandbox.standin;

import java.nio.file.Path;

/**
 * Command line of the stand-in service:
 * {@code --release-dir DIR [--env-file FILE] --bind ADDRESS --log FILE [--control-dir DIR]}.
 *
 * @param envFile the service config; {@code DIR/.env} when not given (runbook Step 4)
 * @param controlDir where the sandbox drops condition requests (see {@link ConditionControl}); null: none
 */
record StandInOptions(Path releaseDir, Path envFile, String bindAddress, Path logFile, Path controlDir) {

  static final String USAGE =
      "usage: StandInService --release-dir DIR [--env-file FILE] --bind ADDRESS --log FILE [--control-dir DIR]";

  static StandInOptions parse(String[] args) {
    Path releaseDir = null;
    Path envFile = null;
    String bind = null;
    Path log = null;
    Path control = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--release-dir" -> releaseDir = Path.of(value).toAbsolutePath();
        case "--env-file" -> envFile = Path.of(value).toAbsolutePath();
        case "--bind" -> bind = value;
        case "--log" -> log = Path.of(value).toAbsolutePath();
        case "--control-dir" -> control = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (releaseDir == null || bind == null || log == null) {
      throw new IllegalArgumentException(USAGE);
    }
    return new StandInOptions(releaseDir, envFile == null ? releaseDir.resolve(".env") : envFile, bind, log, control);
  }
}
