package io.spacetime.runbook.core;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes runs carry so the Web UI can filter them ("Environment = production AND
 * Outcome = ROLLED_BACK"). All are Keywords. A server must have them registered before a workflow
 * upserts them: {@code deploy/temporal/dev-server.sh} does it for the dev server, the embedded
 * server registers them at start, README shows the command for a production cluster.
 */
public final class RunbookSearchAttributes {

  public static final SearchAttributeKey<String> RUNBOOK_TYPE = SearchAttributeKey.forKeyword("RunbookType");
  public static final SearchAttributeKey<String> ENVIRONMENT = SearchAttributeKey.forKeyword("Environment");
  public static final SearchAttributeKey<String> RELEASE_VERSION = SearchAttributeKey.forKeyword("ReleaseVersion");
  public static final SearchAttributeKey<String> OUTCOME = SearchAttributeKey.forKeyword("Outcome");
  public static final SearchAttributeKey<String> CURRENT_STEP = SearchAttributeKey.forKeyword("CurrentStep");
  public static final SearchAttributeKey<String> SEVERITY = SearchAttributeKey.forKeyword("Severity");
  public static final SearchAttributeKey<String> INCIDENT_TYPE = SearchAttributeKey.forKeyword("IncidentType");

  /** Every key, for registration. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(RUNBOOK_TYPE, ENVIRONMENT, RELEASE_VERSION, OUTCOME, CURRENT_STEP, SEVERITY, INCIDENT_TYPE);

  private RunbookSearchAttributes() {}
}
