package io.spacetime.runbook.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * One test's part of the shared {@link AlertingStack}: its scrape targets, its alert rules and the
 * webhook receiver its alerts go to, live from {@link Builder#start()} until {@link #close()}.
 *
 * <p>Its {@link #name()} is unique in the stack and is everywhere the scenario is: the scrape job,
 * a {@code scenario} label on its targets' series and on its alerts, the rule group, and the
 * Alertmanager route (matching that label) and receiver. Rules should select their own series,
 * {@link #series series("metric")}, so another test's target never fires them.
 */
public final class AlertScenario implements AutoCloseable {

  private final AlertingStack stack;
  private final String name;
  private final List<String> targets;
  private final List<AlertRule> rules;
  private final String receiverUrl;

  private AlertScenario(Builder builder) {
    this.stack = builder.stack;
    this.name = builder.name;
    this.targets = List.copyOf(builder.targets);
    this.rules = List.copyOf(builder.rules);
    this.receiverUrl = builder.receiverUrl;
  }

  /** What a test gives: targets, rules, receiver. */
  public static final class Builder {

    private final AlertingStack stack;
    private final String name;
    private final List<String> targets = new ArrayList<>();
    private final List<AlertRule> rules = new ArrayList<>();
    private String receiverUrl;

    Builder(AlertingStack stack, String name) {
      this.stack = stack;
      this.name = name;
    }

    /** The scenario's unique name (the test's name with a number): its label value, job and receiver. */
    public String name() {
      return name;
    }

    /** {@code metric{scenario="<name>"}}: the metric as this scenario's targets serve it. */
    public String series(String metric) {
      return metric + "{scenario=\"" + name + "\"}";
    }

    /** A {@code host:port} Prometheus scrapes {@code /metrics} from, every second. */
    public Builder scrape(String address) {
      targets.add(address);
      return this;
    }

    public Builder rule(AlertRule rule) {
      rules.add(rule);
      return this;
    }

    /** Where Alertmanager POSTs this scenario's notifications (firing and resolved). */
    public Builder receiver(String url) {
      receiverUrl = url;
      return this;
    }

    /**
     * Loads the scenario into the running Prometheus and Alertmanager and returns once they have
     * it: the rule group evaluates and every target has been scraped once. A scenario without
     * rules (targets to query only) needs no receiver.
     */
    public AlertScenario start() throws Exception {
      if (targets.isEmpty() && rules.isEmpty()) {
        throw new IllegalArgumentException("scenario " + name + " has neither targets nor rules");
      }
      if (!rules.isEmpty() && receiverUrl == null) {
        throw new IllegalArgumentException("scenario " + name + " has rules but no receiver for their alerts");
      }
      AlertScenario scenario = new AlertScenario(this);
      stack.add(scenario);
      return scenario;
    }
  }

  public String name() {
    return name;
  }

  /** {@code metric{scenario="<name>"}}, as {@link Builder#series}. */
  public String series(String metric) {
    return metric + "{scenario=\"" + name + "\"}";
  }

  List<String> targets() {
    return targets;
  }

  List<AlertRule> rules() {
    return rules;
  }

  String receiverUrl() {
    return receiverUrl;
  }

  /** Takes the scenario out of Prometheus and Alertmanager; the stack keeps running for the next test. */
  @Override
  public void close() throws Exception {
    stack.remove(this);
  }
}
