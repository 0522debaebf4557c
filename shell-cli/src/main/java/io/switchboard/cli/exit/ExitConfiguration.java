package io.switchboard.cli.exit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires failure reporting into Spring Shell; see {@link CommandFailureResolver}. */
@Configuration(proxyBeanMethods = false)
class ExitConfiguration {

  @Bean
  ErrorReporter errorReporter() {
    return new ErrorReporter(System.err);
  }

  @Bean
  CommandFailureResolver commandFailureResolver(ErrorReporter reporter) {
    return new CommandFailureResolver(reporter);
  }

  @Bean
  UnknownCommandReporter unknownCommandReporter(ErrorReporter reporter) {
    return new UnknownCommandReporter(reporter);
  }
}
