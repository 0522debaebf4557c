package io.switchboard.controlplane.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenApi;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.api.schedule.ScheduleApi;
import io.switchboard.api.schedule.ScheduledJobView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The scheduler on the default H2 file database: a job scheduled through {@link ScheduledJobs} runs
 * (created by Spring, with its data), is listed by {@code GET /api/v1/schedules}, counted in the
 * Prometheus metrics, and is still scheduled, and still runs, after the control plane restarts on
 * the same data directory.
 */
class ScheduledJobsIT {

  private static final String HEARTBEAT = "it.heartbeat";
  private static final String NIGHTLY = "it.nightly";
  private static final JobSchedule EVERY_500_MS = JobSchedule.every(Duration.ofMillis(500));
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void aScheduledJobRunsIsListedAndCountedAndSurvivesARestart() {
    Path dataDir = ControlPlaneInstance.newDataDir("switchboard-schedule-it-");
    String scheduler = ControlPlaneInstance.newSchedulerName();
    long runsBeforeRestart;

    try (ConfigurableApplicationContext first =
        ControlPlaneInstance.start(dataDir, scheduler, Map.of())) {
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      jdbc.sql(RecordingJob.CREATE_TABLE).update();
      ScheduledJobs jobs = first.getBean(ScheduledJobs.class);

      assertThat(jobs.schedule(HEARTBEAT, RecordingJob.class, EVERY_500_MS, Map.of("label", "h2")))
          .isTrue();
      scheduleNightlyIdempotently(jobs);

      await().atMost(DEADLINE).until(() -> runs(jdbc) >= 2);
      assertThat(jdbc.sql("SELECT DISTINCT label FROM schedule_it_run").query(String.class).list())
          .containsExactly("h2");

      String token = adminToken(port(first));
      List<ScheduledJobView> listed = client(ScheduleApi.class, port(first), token).schedules();
      assertThat(listed).extracting(ScheduledJobView::key).containsExactly(HEARTBEAT, NIGHTLY);
      ScheduledJobView heartbeat = listed.get(0);
      assertThat(heartbeat.job()).isEqualTo(RecordingJob.class.getName());
      assertThat(heartbeat.schedule()).isEqualTo("every PT0.5S");
      assertThat(heartbeat.nextFireAt()).isNotNull();
      assertThat(heartbeat.previousFireAt()).isNotNull();
      assertThat(listed.get(1).schedule()).isEqualTo("cron 0 0 3 * * ?");

      String metrics =
          RestClient.create("http://127.0.0.1:" + port(first))
              .get()
              .uri("/actuator/prometheus")
              .header("Authorization", "Bearer " + token)
              .retrieve()
              .body(String.class);
      assertThat(metrics)
          .contains("switchboard_scheduled_jobs 2.0")
          .contains("switchboard_job_runs_total{job=\"it.heartbeat\",outcome=\"SUCCEEDED\"}");
      runsBeforeRestart = runs(jdbc);
    }

    try (ConfigurableApplicationContext second =
        ControlPlaneInstance.start(dataDir, scheduler, Map.of())) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      ScheduledJobs jobs = second.getBean(ScheduledJobs.class);
      assertThat(jobs.list())
          .extracting(ScheduledJob::key, ScheduledJob::schedule)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(HEARTBEAT, "every PT0.5S"),
              org.assertj.core.groups.Tuple.tuple(NIGHTLY, "cron 0 0 3 * * ?"));
      assertThat(jobs.list()).allSatisfy(job -> assertThat(job.nextFireAt()).isNotNull());
      assertThat(jobs.schedule(HEARTBEAT, RecordingJob.class, EVERY_500_MS, Map.of("label", "h2")))
          .as("scheduling what is stored already")
          .isFalse();

      await().atMost(DEADLINE).until(() -> runs(jdbc) >= runsBeforeRestart + 2);

      assertThat(jobs.unschedule(HEARTBEAT)).isTrue();
      assertThat(jobs.unschedule(HEARTBEAT)).isFalse();
      assertThat(jobs.unschedule(NIGHTLY)).isTrue();
      assertThat(jobs.list()).isEmpty();
    }
  }

  /** Same key, same definition: nothing changes; another schedule replaces it. */
  private static void scheduleNightlyIdempotently(ScheduledJobs jobs) {
    assertThat(jobs.schedule(NIGHTLY, RecordingJob.class, JobSchedule.cron("0 0 4 * * ?"), null))
        .isTrue();
    assertThat(jobs.schedule(NIGHTLY, RecordingJob.class, JobSchedule.cron("0 0 3 * * ?"), null))
        .as("another schedule")
        .isTrue();
    ScheduledJob nightly = find(jobs, NIGHTLY);
    assertThat(jobs.schedule(NIGHTLY, RecordingJob.class, JobSchedule.cron("0 0 3 * * ?"), null))
        .as("the same schedule again")
        .isFalse();
    assertThat(find(jobs, NIGHTLY)).isEqualTo(nightly);
    assertThat(nightly.nextFireAt().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(3);
  }

  private static ScheduledJob find(ScheduledJobs jobs, String key) {
    return jobs.list().stream().filter(job -> job.key().equals(key)).findFirst().orElseThrow();
  }

  private static long runs(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM schedule_it_run").query(Long.class).single();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  private static String adminToken(int port) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("admin:" + ControlPlaneInstance.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
    IssuedToken token =
        client(TokenApi.class, port, null).issueToken(basic, new TokenRequest("schedule it"));
    return token.token();
  }

  private static <T> T client(Class<T> api, int port, String token) {
    RestClient.Builder rest = RestClient.builder().baseUrl("http://127.0.0.1:" + port);
    if (token != null) {
      rest.defaultHeader("Authorization", "Bearer " + token);
    }
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest.build()))
        .build()
        .createClient(api);
  }
}
