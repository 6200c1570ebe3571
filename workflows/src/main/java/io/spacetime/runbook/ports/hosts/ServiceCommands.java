package io.spacetime.runbook.ports.hosts;

/**
 * Shell commands that control the SpaceTime service on a host. They come from the environment
 * file (operator-owned configuration, like an Ansible inventory), never from a workflow input.
 * They may use the placeholders {@code {deployRoot}}, {@code {host}} and {@code {serviceAddress}},
 * which the host adapter replaces with shell-quoted values.
 *
 * @param logFile the service log; a relative path is under the host's deploy root
 * @param logFile the service log read by Step 10 ("no ERROR lines since start")
 * @param processPattern what a listening process of the service is called in {@code ss -p} output
 */
public record ServiceCommands(
    String start,
    String stop,
    String isActive,
    String logFile,
    String processPattern) {

  public ServiceCommands {
    start = start == null ? "sudo systemctl start godot-spacetime" : start;
    stop = stop == null ? "sudo systemctl stop godot-spacetime" : stop;
    isActive = isActive == null ? "systemctl is-active godot-spacetime" : isActive;
    logFile = logFile == null ? "/var/log/godot-spacetime/service.log" : logFile;
    processPattern = processPattern == null ? "godot" : processPattern;
  }

  /** The runbook's commands: {@code systemctl start|stop|is-active godot-spacetime}. */
  public static ServiceCommands systemd() {
    return new ServiceCommands(null, null, null, null, null);
  }
}
