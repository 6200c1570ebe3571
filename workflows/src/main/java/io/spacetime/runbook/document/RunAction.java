package io.spacetime.runbook.document;

/**
 * {@code run}: a command template on the environment's hosts. Placeholders ({@code {name}}, a
 * declared parameter or {@code {host}}, {@code {serviceAddress}}, {@code {deployRoot}}) become one
 * quoted shell word each; the rest of the template is the document author's shell, as an
 * environment file's configured commands are.
 *
 * @param on {@code all} (the default), {@code one} (the first host of the inventory) or the name of
 *     one of the environment's host groups
 * @param acceptAnyExit when true a non-zero exit does not fail the step (a later {@code check} judges it)
 */
public record RunAction(String command, String on, Boolean parallel, Integer timeoutSeconds, Boolean acceptAnyExit) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 60;

  public RunAction {
    on = on == null || on.isEmpty() ? "all" : on;
    parallel = parallel != null && parallel;
    timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    acceptAnyExit = acceptAnyExit != null && acceptAnyExit;
  }
}
