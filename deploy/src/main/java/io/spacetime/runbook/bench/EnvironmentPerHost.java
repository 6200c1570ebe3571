package io.spacetime.runbook.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox's environment file of N hosts split into N environments of one host each, so N
 * deployments can run at once (one runbook at a time per environment). Used by bench (g) and the
 * scale-out end-to-end test.
 */
public final class EnvironmentPerHost {

  private EnvironmentPerHost() {}

  /**
   * Writes {@code <prefix>-1.yaml} ... {@code <prefix>-N.yaml} beside {@code environmentFile} and
   * removes it; returns the names. Staging is off in them: N staging JVMs and load tests at once on
   * a small machine would measure the stand-in's start-up, not the engine, and one staging host per
   * environment would need its own test URL.
   */
  public static List<String> split(Path environmentFile, String prefix) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode whole = (ObjectNode) yaml.readTree(environmentFile.toFile());
    ArrayNode hosts = (ArrayNode) whole.get("hosts");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      ObjectNode env = whole.deepCopy();
      String name = prefix + "-" + (i + 1);
      env.put("name", name);
      env.putArray("hosts").add(hosts.get(i).deepCopy());
      ((ObjectNode) env.get("staging")).put("enabled", false).put("host", hosts.get(i).get("name").asText());
      yaml.writeValue(environmentFile.resolveSibling(name + ".yaml").toFile(), env);
      names.add(name);
    }
    Files.delete(environmentFile);
    return names;
  }
}
