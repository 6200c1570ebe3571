package io.spacetime.runbook.starter.client;

/**
 * A workflow's validator refused an update (nothing pending under that action id, an incident
 * already resolved, an approval nobody asked for): the run is unchanged. The message is the
 * workflow's own reason, so a person knows what to do instead.
 */
public final class UpdateRejectedException extends RuntimeException {

  private final String workflowId;
  private final String update;

  public UpdateRejectedException(String workflowId, String update, String reason) {
    super(reason);
    this.workflowId = workflowId;
    this.update = update;
  }

  public String workflowId() {
    return workflowId;
  }

  /** The update's name: {@code acknowledge}, {@code approve}, {@code approveEmergency}, ... */
  public String update() {
    return update;
  }
}
