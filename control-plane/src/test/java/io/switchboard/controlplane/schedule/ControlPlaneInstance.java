package io.switchboard.controlplane.schedule;

import io.switchboard.controlplane.SwitchboardApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Whole control planes for the scheduler's tests, started as a person would start one: command line
 * arguments over application.yml, a small embedded cluster (one node per DC, free ports) and a data
 * directory of their own unless given one.
 */
final class ControlPlaneInstance {

  static final String ADMIN_PASSWORD = "schedule-it-admin-password";

  private ControlPlaneInstance() {}

  /** A scheduler name of one test: the instances of one test share it, other tests' do not. */
  static String newSchedulerName() {
    return "switchboard-it-" + UUID.randomUUID();
  }

  /**
   * The command line of an instance on {@code dataDir} with the scheduler {@code schedulerName} and
   * {@code extra} arguments.
   */
  static List<String> arguments(Path dataDir, String schedulerName, Map<String, String> extra) {
    List<String> args = new ArrayList<>();
    args.add("--spring.quartz.scheduler-name=" + schedulerName);
    args.add("--switchboard.data-dir=" + dataDir);
    args.add("--server.port=0");
    args.add("--SWITCHBOARD_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
    args.add("--switchboard.embedded.nodes-per-dc=1");
    args.add("--switchboard.embedded.gateway-base-port=0");
    args.add("--switchboard.embedded.admin-base-port=0");
    args.add("--switchboard.embedded.peer-base-port=0");
    extra.forEach((name, value) -> args.add("--" + name + "=" + value));
    return args;
  }

  /** Starts an instance in this JVM. */
  static ConfigurableApplicationContext start(
      Path dataDir, String schedulerName, Map<String, String> extra) {
    SecurityContextHolderStrategy previous = SecurityContextHolder.getContextHolderStrategy();
    ApplicationListener<ContextClosedEvent> restore =
        event -> SecurityContextHolder.setContextHolderStrategy(previous);
    return new SpringApplicationBuilder(SwitchboardApplication.class)
        .listeners(restore)
        .run(arguments(dataDir, schedulerName, extra).toArray(String[]::new));
  }

  static Path newDataDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
