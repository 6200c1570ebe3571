package io.spacetime.runbook.adapters.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line written while it is open, for tests that check what was (or was not) logged. */
public final class CapturedLogs implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs() {
    appender.start();
    root().addAppender(appender);
  }

  public static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** The formatted messages of {@code logger}'s lines, in order. */
  public List<String> lines(String logger) {
    return appender.list.stream().filter(e -> e.getLoggerName().equals(logger))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Fails when any line, or the message of any exception logged with one, contains {@code secret}. */
  public void assertNothingContains(String secret) {
    for (ILoggingEvent event : appender.list) {
      assertFalse(event.getFormattedMessage().contains(secret), "logged: " + event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertFalse(t.getMessage() != null && t.getMessage().contains(secret), "logged exception: " + t.getMessage());
      }
    }
  }

  @Override
  public void close() {
    root().detachAppender(appender);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
