package io.switchboard.controlplane.schedule;

import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds to the Quartz scheduler that Spring Boot configures (from {@code spring.quartz.*}: JDBC job
 * store in the control plane's data source, jobs created by Spring) what this feature needs: the
 * run metrics listener.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  @Bean
  SchedulerFactoryBeanCustomizer jobRunMetricsListener(JobRunMetrics metrics) {
    return factory -> factory.setGlobalJobListeners(metrics);
  }
}
