package dev.slipway.controllers.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Drops the two ERROR lines client-java logs whenever an informer is stopped on purpose (its threads are interrupted,
 * and it reports the interruption as an error): Slipway stops a workload cluster's Node informer every time a Cluster
 * is deleted or its kubeconfig changes, and an ERROR per deleted Cluster would page people for nothing. Only these two
 * messages of these two loggers are dropped; every other line of theirs, e.g. "recovered from crashing", stays.
 */
@Component
public class InformerShutdownLogFilter extends TurboFilter {

  static final String CONTROLLER_LOGGER = "io.kubernetes.client.informer.cache.Controller";
  static final String LISTENER_LOGGER = "io.kubernetes.client.informer.cache.ProcessorListener";

  public InformerShutdownLogFilter() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.addTurboFilter(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (level != Level.ERROR || format == null || logger == null) {
      return FilterReply.NEUTRAL;
    }
    boolean interrupted = CONTROLLER_LOGGER.equals(logger.getName())
        && format.startsWith("DefaultController#processLoop get interrupted")
        || LISTENER_LOGGER.equals(logger.getName()) && format.startsWith("processor interrupted");
    return interrupted ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
