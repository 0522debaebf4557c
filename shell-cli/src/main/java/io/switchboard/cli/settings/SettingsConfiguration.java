package io.switchboard.cli.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's environment and the credential store in its configuration directory. */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

  @Bean
  EnvironmentVariables environmentVariables() {
    return EnvironmentVariables.system();
  }

  @Bean
  CredentialStore credentialStore(EnvironmentVariables environment, ObjectMapper json) {
    Path directory =
        ConfigDirectory.locate(
            System.getProperty(ConfigDirectory.OVERRIDE_PROPERTY),
            environment,
            Path.of(System.getProperty("user.home")));
    return new CredentialStore(directory, json);
  }
}
