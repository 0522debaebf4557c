package io.switchboard.controlplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Switchboard control plane: the single authority over the cluster topology. It serves the REST
 * API, the operations console and, on the embedded default, runs a local cluster of runtime nodes
 * in four simulated data centres.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SwitchboardApplication {

  public static void main(String[] args) {
    SpringApplication.run(SwitchboardApplication.class, args);
  }
}
