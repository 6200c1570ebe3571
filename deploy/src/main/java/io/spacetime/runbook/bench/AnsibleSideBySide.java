package io.spacetime.runbook.bench;

import io.spacetime.runbook.adapters.ssh.ShellQuote;
import io.spacetime.runbook.ports.hosts.HostTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ansible as the side-by-side peer of bench (a): the same remote command on the same host, once as
 * the {@code command} module (Ansible's usual way: a Python module shipped to the host per task)
 * and once as {@code raw} (one ssh exec per task), with the settings that make Ansible fastest
 * (pipelining, ControlPersist, no fact gathering) and host keys checked against the sandbox's
 * known_hosts, as the engine checks them. Ansible is ansible-core from PyPI in the project's
 * {@code .venv}: found there or on PATH, else installed there; when neither works the figures
 * say "not measured" with why, and the bench goes on.
 */
final class AnsibleSideBySide {

  /** The version ../shared/ENVIRONMENT.md measured, pinned so the column means the same everywhere. */
  static final String ANSIBLE_CORE = "ansible-core==2.19.14";
  private static final long PLAYBOOK_TIMEOUT_MINUTES = 5;

  /** The two playbooks' forms of one task. */
  enum Module {
    COMMAND("command"), RAW("raw");

    final String word;

    Module(String word) {
      this.word = word;
    }
  }

  private final Path ansiblePlaybook;
  private final Path dir;

  private AnsibleSideBySide(Path ansiblePlaybook, Path dir) {
    this.ansiblePlaybook = ansiblePlaybook;
    this.dir = dir;
  }

  /** Ansible rounds are seconds each: a few are enough for a median that means something. */
  private static final int MAX_ROUNDS = 3;

  /**
   * (a)'s side-by-side figures: Ansible's time for the same {@code commands} over the engine's
   * ({@code engineMs}, the median of (a)), for the command module (goal: the engine at least 20x
   * faster) and for raw (goal: the engine faster); "not measured" with why when Ansible cannot run.
   */
  static List<BenchFigure> figures(Path venv, Path dir, PrintWriter progress, HostTarget target, String directory,
      int commands, int rounds, double engineMs) {
    return figures(find(venv, dir, progress), target, directory, commands, rounds, engineMs);
  }

  static List<BenchFigure> figures(Found found, HostTarget target, String directory, int commands, int rounds,
      double engineMs) {
    String commandName = commands + " commands: Ansible command / engine";
    String rawName = commands + " commands: Ansible raw / engine";
    BenchFigure.Goal commandGoal = BenchFigure.Goal.atLeast(20);
    BenchFigure.Goal rawGoal = BenchFigure.Goal.above(1);
    if (found.ansible().isEmpty()) {
      return List.of(BenchFigure.notMeasured("a", commandName, BenchFigure.Unit.RATIO, commandGoal, found.whyNot()),
          BenchFigure.notMeasured("a", rawName, BenchFigure.Unit.RATIO, rawGoal, found.whyNot()));
    }
    AnsibleSideBySide ansible = found.ansible().get();
    List<BenchFigure> figures = new ArrayList<>();
    for (Module module : Module.values()) {
      String name = module == Module.COMMAND ? commandName : rawName;
      BenchFigure.Goal goal = module == Module.COMMAND ? commandGoal : rawGoal;
      try {
        Path playbook = ansible.playbook(target, directory, "true", commands, module);
        ansible.time(playbook); // warms the ControlPersist connection up, as round -1 of (a) does; not counted
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < Math.max(1, Math.min(rounds, MAX_ROUNDS)); round++) {
          times.add(ansible.time(playbook));
        }
        double ms = Percentiles.median(times) / 1e6;
        figures.add(new BenchFigure("a", name, ms / engineMs, BenchFigure.Unit.RATIO, goal, String.format(Locale.ROOT,
            "ansible-playbook %s module %.0f ms (%.1f ms/task), engine %.1f ms; %s, pipelining, ControlPersist,"
                + " host keys checked", module.word, ms, ms / commands, engineMs, ansible.version())));
      } catch (IOException | RuntimeException e) {
        figures.add(BenchFigure.notMeasured("a", name, BenchFigure.Unit.RATIO, goal, e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        figures.add(BenchFigure.notMeasured("a", name, BenchFigure.Unit.RATIO, goal, "interrupted"));
      }
    }
    return figures;
  }

  /** "ansible-core 2.19.14", from {@code ansible-playbook --version}'s first line. */
  String version() {
    try {
      Process p = new ProcessBuilder(ansiblePlaybook.toString(), "--version").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
      p.waitFor(1, TimeUnit.MINUTES);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("core ([0-9.]+)").matcher(first);
      return m.find() ? "ansible-core " + m.group(1) : first.strip();
    } catch (IOException e) {
      return "ansible-core (version unknown: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "ansible-core";
    }
  }

  /**
   * Ansible ready to run from {@code dir}, or why not.
   *
   * @param venv the project's virtual environment; ansible-core is installed there when missing
   */
  static Found find(Path venv, Path dir, PrintWriter progress) {
    return find(venv, dir, progress, System.getenv().getOrDefault("PATH", ""));
  }

  /** @param path the directories to look in after the venv, as {@code $PATH} writes them */
  static Found find(Path venv, Path dir, PrintWriter progress, String path) {
    Path inVenv = venv.resolve("bin/ansible-playbook");
    if (Files.isExecutable(inVenv)) {
      return Found.of(new AnsibleSideBySide(inVenv, dir));
    }
    Optional<Path> onPath = onPath("ansible-playbook", path);
    if (onPath.isPresent()) {
      return Found.of(new AnsibleSideBySide(onPath.get(), dir));
    }
    Path pip = venv.resolve("bin/pip");
    if (!Files.isExecutable(pip)) {
      return Found.not("no ansible-playbook on PATH or in " + venv + ", and no pip there to install " + ANSIBLE_CORE);
    }
    progress.println("bench: installing " + ANSIBLE_CORE + " into " + venv + " for the side-by-side column ...");
    progress.flush();
    try {
      Process p = new ProcessBuilder(pip.toString(), "install", "-q", ANSIBLE_CORE).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(PLAYBOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(inVenv)) {
        p.destroyForcibly();
        return Found.not("pip install " + ANSIBLE_CORE + " failed: " + lastLine(output));
      }
    } catch (IOException e) {
      return Found.not("pip install " + ANSIBLE_CORE + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Found.not("interrupted while installing " + ANSIBLE_CORE);
    }
    return Found.of(new AnsibleSideBySide(inVenv, dir));
  }

  /** Ansible, or the reason its column is missing. */
  record Found(Optional<AnsibleSideBySide> ansible, String whyNot) {

    static Found of(AnsibleSideBySide ansible) {
      return new Found(Optional.of(ansible), "");
    }

    static Found not(String why) {
      return new Found(Optional.empty(), why);
    }
  }

  /** Writes the inventory, the settings and a playbook of {@code tasks} tasks in {@code directory} on the host. */
  Path playbook(HostTarget target, String directory, String command, int tasks, Module module) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("inventory.ini"), "[bench]\n" + target.name() + " ansible_host=" + target.address()
        + " ansible_port=" + target.sshPort() + " ansible_user=" + target.user() + " ansible_ssh_private_key_file="
        + target.keyFile() + " ansible_python_interpreter=/usr/bin/python3\n");
    // Ansible's fastest fair settings: one multiplexed connection, modules piped through it, no facts;
    // host keys checked against the same known_hosts the engine verifies with.
    Files.writeString(dir.resolve("ansible.cfg"), String.join("\n",
        "[defaults]", "inventory = " + dir.resolve("inventory.ini"), "gathering = explicit", "host_key_checking = True",
        "interpreter_python = /usr/bin/python3", "forks = 1", "retry_files_enabled = False", "",
        "[ssh_connection]", "pipelining = True",
        "ssh_args = -o ControlMaster=auto -o ControlPersist=120s -o BatchMode=yes -o StrictHostKeyChecking=yes"
            + " -o UserKnownHostsFile=" + target.knownHosts(),
        "control_path_dir = " + dir.resolve("cp"), ""));
    StringBuilder play = new StringBuilder("- hosts: bench\n  gather_facts: false\n  tasks:\n");
    for (int i = 1; i <= tasks; i++) {
      play.append("    - name: step ").append(i).append('\n');
      if (module == Module.COMMAND) {
        // The command module runs no shell: chdir is its "cd DIR &&", the command itself the "( true )".
        play.append("      ansible.builtin.command:\n        cmd: ").append(yaml(command))
            .append("\n        chdir: ").append(yaml(directory)).append('\n');
      } else {
        play.append("      ansible.builtin.raw: ").append(yaml("cd " + ShellQuote.quote(directory) + " && ( " + command + " )"))
            .append('\n');
      }
    }
    Path file = dir.resolve("playbook-" + module.word + ".yml");
    Files.writeString(file, play.toString());
    return file;
  }

  /** Runs {@code playbook}; its wall time in nanoseconds, or an exception with Ansible's last words. */
  long time(Path playbook) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(ansiblePlaybook.toString(), playbook.toString()).redirectErrorStream(true);
    builder.environment().put("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString());
    builder.environment().put("ANSIBLE_NOCOLOR", "1");
    long start = System.nanoTime();
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes());
    boolean ended = p.waitFor(PLAYBOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    long elapsed = System.nanoTime() - start;
    if (!ended) {
      p.destroyForcibly();
      throw new IllegalStateException("ansible-playbook " + playbook.getFileName() + " did not end in "
          + PLAYBOOK_TIMEOUT_MINUTES + " minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("ansible-playbook " + playbook.getFileName() + " failed (exit " + p.exitValue()
          + "): " + lastLines(output, 3));
    }
    return elapsed;
  }

  private static String yaml(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static Optional<Path> onPath(String name, String path) {
    for (String d : path.split(":")) {
      if (d.isEmpty()) {
        continue; // an empty entry means the working directory: never run a stray file from there
      }
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String lastLine(String output) {
    return lastLines(output, 1);
  }

  private static String lastLines(String output, int n) {
    List<String> lines = new ArrayList<>(output.strip().lines().toList());
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }
}
