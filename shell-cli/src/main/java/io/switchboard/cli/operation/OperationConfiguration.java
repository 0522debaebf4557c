package io.switchboard.cli.operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.auth.Prompter;
import java.time.Clock;
import org.jline.terminal.Terminal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console, watcher and launcher shared by the operation commands. */
@Configuration(proxyBeanMethods = false)
class OperationConfiguration {

  @Bean
  OperationConsole operationConsole(Terminal terminal, Prompter prompter, ObjectMapper json) {
    return new OperationConsole(terminal, prompter, json, Clock.systemUTC());
  }

  @Bean
  OperationWatcher operationWatcher() {
    return new OperationWatcher(OperationWatcher.Pause.sleeping());
  }

  @Bean
  OperationLauncher operationLauncher(OperationConsole console, OperationWatcher watcher) {
    return new OperationLauncher(console, watcher);
  }
}
