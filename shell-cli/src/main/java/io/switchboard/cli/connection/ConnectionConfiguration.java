package io.switchboard.cli.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.settings.CredentialStore;
import io.switchboard.cli.settings.EnvironmentVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connection resolution and the API clients. */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

  @Bean
  ConnectionResolver connectionResolver(
      EnvironmentVariables environment, CredentialStore credentials) {
    return new ConnectionResolver(environment, credentials);
  }

  @Bean
  ControlPlaneClients controlPlaneClients(ObjectMapper json) {
    return new ControlPlaneClients(json);
  }
}
