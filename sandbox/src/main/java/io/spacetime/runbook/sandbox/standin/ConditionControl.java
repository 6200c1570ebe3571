package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How the sandbox tells a running service to take up or drop a {@link RuntimeCondition}: files in
 * the service's control directory ({@code <deployRoot>/run/conditions}, named by
 * {@code --control-dir}).
 * <pre>
 * inbox/&lt;millis&gt;-&lt;uuid&gt;.json   a {@link ControlRequest}; the service applies it, then deletes it:
 *                              its disappearance is the acknowledgement
 * active.json                  what the service holds now ({@link ActiveConditions}, with its pid),
 *                              rewritten at every change
 * </pre>
 * Every file is written beside its name and renamed into place, so a reader never sees half of one.
 * An {@code active.json} whose pid is not the live service's is stale: the process died (a crash,
 * SIGKILL) without clearing it, and with it everything it held. Files rather than a socket: a
 * person can read them, no port appears that the engine's probes would find, and the CLI's
 * short-lived processes reach them as easily as the sandbox's JVM.
 */
public final class ConditionControl {

  static final String INBOX = "inbox";
  static final String ACTIVE = "active.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConditionControl() {}

  /** What a request asks. */
  public enum Action {
    INDUCE("induce"), CLEAR("clear");

    private final String jsonName;

    Action(String jsonName) {
      this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
      return jsonName;
    }

    @JsonCreator
    public static Action fromName(String name) {
      for (Action action : values()) {
        if (action.jsonName.equals(name)) {
          return action;
        }
      }
      throw new IllegalArgumentException("unknown control action '" + name + "'");
    }
  }

  /**
   * One request to the service.
   *
   * @param induce for {@link Action#INDUCE}: the condition to hold (replacing one of the same kind)
   * @param clear for {@link Action#CLEAR}: the condition to drop; null drops every one
   */
  public record ControlRequest(Action action, ActiveCondition induce, RuntimeCondition clear) {

    public static ControlRequest induce(ActiveCondition condition) {
      return new ControlRequest(Action.INDUCE, condition, null);
    }

    /** @param condition null for every condition */
    public static ControlRequest clear(RuntimeCondition condition) {
      return new ControlRequest(Action.CLEAR, null, condition);
    }
  }

  /** What the service with process id {@code pid} holds. */
  public record ActiveConditions(long pid, List<ActiveCondition> conditions) {

    public ActiveConditions {
      conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
  }

  /** Drops {@code request} into the inbox; returns its file, which the service deletes once it has applied it. */
  public static Path submit(Path controlDir, ControlRequest request) throws IOException {
    Path inbox = Files.createDirectories(controlDir.resolve(INBOX));
    Path file = inbox.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".json");
    writeAtomically(file, JSON.writeValueAsBytes(request));
    return file;
  }

  /** What {@code active.json} says, if it can be read; whether it is stale is the caller's check (its pid). */
  public static Optional<ActiveConditions> readActive(Path controlDir) {
    try {
      return Optional.of(JSON.readValue(controlDir.resolve(ACTIVE).toFile(), ActiveConditions.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A service that starts forgets what the inbox holds (requests to a process that is gone) and
   * says it holds nothing.
   */
  static void reset(Path controlDir, long pid) throws IOException {
    for (Path stale : inboxFiles(controlDir)) {
      Files.deleteIfExists(stale);
    }
    publish(controlDir, new ActiveConditions(pid, List.of()));
  }

  /** The requests waiting, oldest first, each removed from the inbox; an unreadable one is removed and skipped. */
  static List<ControlRequest> take(Path controlDir, Journal journal) throws IOException {
    List<ControlRequest> requests = new ArrayList<>();
    for (Path file : inboxFiles(controlDir)) {
      try {
        requests.add(JSON.readValue(file.toFile(), ControlRequest.class));
      } catch (IOException e) {
        journal.warn("Sandbox", "ignoring the unreadable condition request " + file.getFileName() + ": "
            + e.getMessage());
      }
      Files.deleteIfExists(file);
    }
    return requests;
  }

  static void publish(Path controlDir, ActiveConditions active) throws IOException {
    Files.createDirectories(controlDir);
    writeAtomically(controlDir.resolve(ACTIVE), JSON.writeValueAsBytes(active));
  }

  private static List<Path> inboxFiles(Path controlDir) throws IOException {
    Path inbox = controlDir.resolve(INBOX);
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(inbox)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox, "*.json")) {
      entries.forEach(files::add);
    } catch (NoSuchFileException e) {
      return files;
    }
    files.sort(null);
    return files;
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    // A dot name does not match the inbox's *.json, so the service never picks up a half-written request.
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    Files.write(partial, content);
    try {
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
