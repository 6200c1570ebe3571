package io.spacetime.runbook.starter.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedules file: the Temporal Schedules of a team's runbook documents, applied with
 * {@code ./runbook schedules apply FILE}. Read strictly: an unknown field, a wrong type or a bad
 * value is refused before anything is created, naming the file, the line or entry and the field.
 *
 * <pre>
 * schedules:
 *   - id: daily-health-check-production
 *     runbook: daily-health-check
 *     environment: production
 *     cron: "0 7 * * *"
 *     timeZone: Europe/Berlin
 *     jitter: 2m
 * </pre>
 */
public record ScheduleFile(List<ScheduleEntry> schedules) {

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  public ScheduleFile {
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  /** Reads and checks {@code file}; every problem at once in the exception's message. */
  public static ScheduleFile load(Path file) {
    ScheduleFile parsed;
    try {
      parsed = YAML.readValue(Files.readString(file), ScheduleFile.class);
    } catch (UnrecognizedPropertyException e) {
      String entry = path(e).replaceFirst("\\." + Pattern.quote(e.getPropertyName()) + "$", "");
      throw new InvalidInputException(file + ": " + entry + ": unknown field '" + e.getPropertyName() + "' (near line "
          + e.getLocation().getLineNr() + "); accepted: " + String.join(", ", accepted(e)));
    } catch (JsonMappingException e) {
      throw new InvalidInputException(file + ": " + path(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " (near line " + e.getLocation().getLineNr() + ")"));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": not valid YAML at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage());
    }
    if (parsed == null || parsed.schedules().isEmpty()) {
      throw new InvalidInputException(file + ": lists no schedules (a top-level 'schedules:' list)");
    }
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < parsed.schedules().size(); i++) {
      ScheduleEntry entry = parsed.schedules().get(i);
      if (entry == null) {
        problems.add(file + ": schedules[" + i + "] is empty");
        continue;
      }
      String where = file + ": schedules[" + i + "]" + (entry.id().isEmpty() ? "" : " (" + entry.id() + ")");
      problems.addAll(entry.problems(where));
      if (!entry.id().isEmpty() && !ids.add(entry.id())) {
        problems.add(where + ": field 'id': \"" + entry.id() + "\" is used twice; each schedule needs its own");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(String.join("\n", problems));
    }
    return parsed;
  }

  /** "schedules[1].pauseOnFailure": where in the file the value is, as the problems of an entry name it. */
  private static String path(JsonMappingException e) {
    StringBuilder at = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        at.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        at.append(at.length() == 0 ? "" : ".").append(r.getFieldName());
      }
    }
    return at.length() == 0 ? "the file" : at.toString();
  }

  private static List<String> accepted(UnrecognizedPropertyException e) {
    return e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
  }
}
