package io.switchboard.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link ObjectMapper} of the CLI; see {@link CliJson}. */
@Configuration(proxyBeanMethods = false)
class OutputConfiguration {

  @Bean
  ObjectMapper objectMapper() {
    return CliJson.newObjectMapper();
  }
}
