package io.spacetime.runbook.adapters.environment;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.ENVIRONMENT_INVALID;
import static io.spacetime.runbook.core.FailureTypes.UNKNOWN_ENVIRONMENT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.environment.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads {@code <name>.yaml} from the first of the search directories that has it, into an
 * {@link Environment} (the records' constructors fill the runbook's defaults), then validates it.
 * Every problem is reported at once, naming the file, the field and what is wrong.
 */
public final class EnvironmentLoader {

  private final List<Path> directories;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** @param directories where environment files are looked for, in order */
  public EnvironmentLoader(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  /**
   * The validated environment. Fails without retry: {@code InvalidInput} for a name that is not one,
   * {@code UnknownEnvironment} when no directory has the file, {@code EnvironmentInvalid} otherwise.
   */
  public Environment load(String name) {
    try {
      InputRules.check().environment("environment", name).orThrow("the environment name");
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
    Path file = find(name).orElseThrow(() -> nonRetryable(UNKNOWN_ENVIRONMENT, "there is no environment '" + name
        + "' (no " + name + ".yaml in " + directories + "); known environments: "
        + (knownEnvironments().isEmpty() ? "none" : String.join(", ", knownEnvironments()))));
    Environment parsed = parse(file);
    Environment named = parsed.with(name, parsed.hosts());
    List<String> problems = new EnvironmentValidator(named).problems();
    if (parsed.name() != null && !parsed.name().isEmpty() && !parsed.name().equals(name)) {
      problems.add(0, "field 'name': is '" + parsed.name() + "' but the file is " + name + ".yaml; they must match");
    }
    if (!problems.isEmpty()) {
      throw invalid(file, String.join("; ", problems));
    }
    return named;
  }

  /** Names of the environment files in the search directories. */
  public List<String> knownEnvironments() {
    TreeSet<String> names = new TreeSet<>();
    for (Path dir : directories) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".yaml"))
            .map(f -> f.substring(0, f.length() - ".yaml".length()))
            .filter(n -> InputRules.ENVIRONMENT.matcher(n).matches())
            .forEach(names::add);
      } catch (IOException e) {
        // An unreadable directory lists nothing; load() names the directories it searched.
      }
    }
    return List.copyOf(names);
  }

  private Optional<Path> find(String name) {
    return directories.stream().map(dir -> dir.resolve(name + ".yaml")).filter(Files::isRegularFile).findFirst();
  }

  /**
   * Two steps, so each error can say where: the YAML is read into a tree (syntax errors have a
   * line and column), then the tree is mapped onto the records (mapping errors have a field path).
   */
  private Environment parse(Path file) {
    JsonNode tree;
    try {
      tree = yaml.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw invalid(file, "not valid YAML at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw invalid(file, "cannot be read: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw invalid(file, "the file is empty; it needs at least 'hosts' and 'ssh'");
    }
    List<String> emptyEntries = new ArrayList<>();
    findEmptyListEntries(tree, "", emptyEntries);
    if (!emptyEntries.isEmpty()) {
      throw invalid(file, String.join("; ", emptyEntries));
    }
    try {
      return yaml.treeToValue(tree, Environment.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw invalid(file, "field '" + path(e) + "': unknown field" + (known.isEmpty() ? "" : "; known here: " + known));
    } catch (InvalidFormatException e) {
      throw invalid(file, "field '" + path(e) + "': " + expected(e.getTargetType()) + " (got '" + e.getValue() + "')");
    } catch (MismatchedInputException e) {
      throw invalid(file, "field '" + path(e) + "': " + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      String where = e instanceof JsonMappingException m ? path(m) : "(top level)";
      throw invalid(file, "field '" + where + "': " + oneLine(e.getOriginalMessage()));
    }
  }

  /** {@code hosts: [~]} would otherwise fail inside a record constructor, without a field path. */
  private static void findEmptyListEntries(JsonNode node, String path, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = path + "[" + i + "]";
        if (node.get(i).isNull()) {
          problems.add("field '" + at + "': the list entry is empty");
        } else {
          findEmptyListEntries(node.get(i), at, problems);
        }
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field ->
          findEmptyListEntries(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), problems));
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\n\\s*", " ").trim();
  }

  /** {@code hosts[1].sshPort}, from Jackson's reference chain. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(top level)" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "unexpected value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "expected a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "expected a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "expected true or false";
    }
    if (type == String.class) {
      return "expected text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "expected a list";
    }
    return "expected a mapping of fields (" + type.getSimpleName() + ")";
  }

  private static io.temporal.failure.ApplicationFailure invalid(Path file, String problems) {
    return nonRetryable(ENVIRONMENT_INVALID, file + ": " + problems);
  }
}
