package io.spacetime.runbook.lock;

/**
 * The answer to "may this run change the environment now?".
 *
 * @param holder the workflow id holding the lock (this run when granted)
 * @param holderType the workflow type of the holder when it is another run ({@code DeploymentWorkflow}),
 *     empty when unknown
 */
public record LockGrant(boolean granted, String environment, String holder, String holderDescription, String holderType) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public LockGrant {
    environment = environment == null ? "" : environment;
    holder = holder == null ? "" : holder;
    holderDescription = holderDescription == null ? "" : holderDescription;
    holderType = holderType == null ? "" : holderType;
  }

  public LockGrant(boolean granted, String environment, String holder, String holderDescription) {
    this(granted, environment, holder, holderDescription, "");
  }
}
