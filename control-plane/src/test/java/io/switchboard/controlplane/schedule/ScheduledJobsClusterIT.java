package io.switchboard.controlplane.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.controlplane.SwitchboardApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two control-plane instances on one fresh PostgreSQL schema share a clustered scheduler: a job
 * fires once per fire time, on one instance or the other, and when the instance that ran it last
 * stops, the other goes on firing it.
 *
 * <p>Instance A runs in this JVM (the test schedules through its {@link ScheduledJobs}); instance B
 * is a second JVM, as in production: Quartz keeps JVM-wide registries by scheduler name, so two
 * schedulers of one cluster in one JVM would share their job store's connection provider. The
 * cluster check-in and the idle wait are shortened to 1 s so that a stopped instance's work moves
 * quickly.
 */
class ScheduledJobsClusterIT {

  private static final Logger log = LoggerFactory.getLogger(ScheduledJobsClusterIT.class);
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA =
      "switchboard_sched_it_" + UUID.randomUUID().toString().replace("-", "");
  private static final String SCHEDULER = ControlPlaneInstance.newSchedulerName();
  private static final String KEY = "it.cluster-heartbeat";
  private static final long INTERVAL_MS = 1000;
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private static final Duration RUN_DEADLINE = Duration.ofSeconds(30);

  private ConfigurableApplicationContext instanceA;
  private Process instanceB;
  private Path instanceBLog;

  @AfterEach
  void stopInstances() throws InterruptedException {
    if (instanceB != null && instanceB.isAlive()) {
      instanceB.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    if (instanceA != null) {
      instanceA.close();
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void eachFireRunsOnExactlyOneInstanceAndTheSurvivorGoesOnFiring() throws Exception {
    instanceA =
        ControlPlaneInstance.start(
            ControlPlaneInstance.newDataDir("sb-sched-a-"), SCHEDULER, props());
    JdbcClient jdbc = instanceA.getBean(JdbcClient.class);
    jdbc.sql(RecordingJob.CREATE_TABLE).update();
    String idA = instanceA.getBean(Scheduler.class).getSchedulerInstanceId();

    instanceB = startSecondJvm();
    await()
        .atMost(START_DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .failFast("instance B exited; see " + instanceBLog, () -> !instanceB.isAlive())
        .until(() -> schedulerInstances(jdbc).size() == 2);
    String idB =
        schedulerInstances(jdbc).stream().filter(id -> !id.equals(idA)).findFirst().orElseThrow();

    ScheduledJobs jobs = instanceA.getBean(ScheduledJobs.class);
    jobs.schedule(
        KEY, RecordingJob.class, JobSchedule.every(Duration.ofMillis(INTERVAL_MS)), Map.of());
    await().atMost(RUN_DEADLINE).until(() -> runs(jdbc).size() >= 4);

    // Stop the instance that ran the job last, so that the other one must take it over.
    String last = runs(jdbc).get(runs(jdbc).size() - 1).instance();
    String survivor = last.equals(idA) ? idB : idA;
    JdbcClient survivorJdbc;
    if (last.equals(idA)) {
      survivorJdbc = null;
      instanceA.close();
      instanceA = null;
    } else {
      survivorJdbc = jdbc;
      instanceB.destroy(); // SIGTERM: a graceful shutdown
      assertThat(instanceB.waitFor(30, TimeUnit.SECONDS)).as("instance B stopped").isTrue();
    }
    JdbcClient reader = survivorJdbc != null ? survivorJdbc : directJdbc();
    long stoppedAt = System.currentTimeMillis();

    await()
        .atMost(RUN_DEADLINE)
        .until(
            () ->
                runs(reader).stream()
                        .filter(run -> run.firedAt() > stoppedAt && run.instance().equals(survivor))
                        .count()
                    >= 3);

    List<Run> runs = runs(reader);
    log.info(
        "stopped {} (ran {} of {} runs before the stop); survivor {} ran {} runs after it, the"
            + " first {} ms after the stop",
        last,
        runs.stream()
            .filter(run -> run.firedAt() <= stoppedAt && run.instance().equals(last))
            .count(),
        runs.stream().filter(run -> run.firedAt() <= stoppedAt).count(),
        survivor,
        runs.stream().filter(run -> run.firedAt() > stoppedAt).count(),
        runs.stream()
            .filter(run -> run.firedAt() > stoppedAt)
            .mapToLong(run -> run.firedAt() - stoppedAt)
            .min()
            .orElse(-1));
    assertThat(runs.stream().filter(run -> run.firedAt() > stoppedAt))
        .as("runs after the stop")
        .allSatisfy(run -> assertThat(run.instance()).isEqualTo(survivor));
    assertThat(runs.stream().map(Run::instance).distinct()).isSubsetOf(idA, idB);
    // One run per fire time, and no fire time skipped: consecutive multiples of the interval.
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).scheduledAt() - runs.get(i - 1).scheduledAt())
          .as("fire times %s and %s", runs.get(i - 1), runs.get(i))
          .isEqualTo(INTERVAL_MS);
    }
  }

  private static Map<String, String> props() {
    return Map.of(
        "spring.profiles.active", "postgres",
        "SWITCHBOARD_DB_URL", URL + "?currentSchema=" + SCHEMA,
        "spring.flyway.schemas", SCHEMA,
        "spring.flyway.create-schemas", "true",
        "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000",
        "spring.quartz.properties.org.quartz.scheduler.idleWaitTime", "1000");
  }

  /** Instance B: the same application and classpath in a JVM of its own, its log in a file. */
  private Process startSecondJvm() throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path argFile = Files.createTempFile("sb-sched-b-", ".args");
    Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("@" + argFile);
    command.add(SwitchboardApplication.class.getName());
    command.addAll(
        ControlPlaneInstance.arguments(
            ControlPlaneInstance.newDataDir("sb-sched-b-"), SCHEDULER, props()));
    Files.createDirectories(Path.of("target"));
    instanceBLog = Path.of("target", "ScheduledJobsClusterIT-instance-b.log").toAbsolutePath();
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(instanceBLog.toFile())
        .start();
  }

  private static Set<String> schedulerInstances(JdbcClient jdbc) {
    return Set.copyOf(
        jdbc.sql("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ?")
            .param(SCHEDULER)
            .query(String.class)
            .list());
  }

  private static JdbcClient directJdbc() {
    return JdbcClient.create(
        new org.springframework.jdbc.datasource.DriverManagerDataSource(
            URL + "?currentSchema=" + SCHEMA, "postgres", ""));
  }

  private static List<Run> runs(JdbcClient jdbc) {
    return jdbc.sql(
            "SELECT instance_id, scheduled_at, fired_at FROM schedule_it_run WHERE job = ?"
                + " ORDER BY scheduled_at, fired_at")
        .param(KEY)
        .query((rs, row) -> new Run(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  private record Run(String instance, long scheduledAt, long firedAt) {}
}
