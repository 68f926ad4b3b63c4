package org.mlmp.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one class logs at INFO and above while open, whatever level other tests in the same JVM
 * (e.g. the command line's --quiet) left its logger at; closing restores the logger.
 * {@code try (var log = LogCapture.of(CsvTable.class)) { ...; log.messages() }}
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
  private final Level before;

  private LogCapture(Class<?> source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    seen.start();
    logger.addAppender(seen);
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
  }

  /** Starts recording what {@code source}'s logger logs. */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  /** The formatted messages logged so far, in order. */
  public List<String> messages() {
    return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(seen);
    logger.setLevel(before);
  }
}
