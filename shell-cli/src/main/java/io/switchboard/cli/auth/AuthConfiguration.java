package io.switchboard.cli.auth;

import org.jline.terminal.Terminal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How {@code login} asks for what was not given on the command line. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  @Bean
  Prompter prompter(Terminal terminal) {
    return new TerminalPrompter(terminal, System.in, System.err);
  }
}
