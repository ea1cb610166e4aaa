package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class InformerShutdownLogFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final InformerShutdownLogFilter filter = new InformerShutdownLogFilter();

  @Test
  void dropsTheInterruptionErrorsOfAStoppedInformer() {
    assertThat(decide(InformerShutdownLogFilter.CONTROLLER_LOGGER, Level.ERROR,
        "DefaultController#processLoop get interrupted {}")).isEqualTo(FilterReply.DENY);
    assertThat(decide(InformerShutdownLogFilter.LISTENER_LOGGER, Level.ERROR, "processor interrupted: {}"))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void keepsEveryOtherLineOfThoseLoggersAndOtherLoggers() {
    assertThat(decide(InformerShutdownLogFilter.CONTROLLER_LOGGER, Level.ERROR,
        "DefaultController#processLoop recovered from crashing {}")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(InformerShutdownLogFilter.CONTROLLER_LOGGER, Level.WARN,
        "DefaultController#processLoop get interrupted {}")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("dev.slipway.controllers.Anything", Level.ERROR, "processor interrupted: {}"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(InformerShutdownLogFilter.LISTENER_LOGGER, Level.ERROR, null)).isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(String logger, Level level, String format) {
    Logger target = context.getLogger(logger);
    return filter.decide(null, target, level, format, new Object[0], null);
  }
}
