package io.switchboard.controlplane.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job for the scheduler's tests: records each run as a row of {@code schedule_it_run} (which the
 * test creates with {@link #CREATE_TABLE}) with the id of the scheduler instance that ran it. Its
 * {@link JdbcClient} comes through the constructor: Spring creates the job.
 */
public class RecordingJob implements Job {

  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS schedule_it_run ("
          + " job VARCHAR(200) NOT NULL,"
          + " instance_id VARCHAR(200) NOT NULL,"
          + " scheduled_at BIGINT NOT NULL,"
          + " fired_at BIGINT NOT NULL,"
          + " label VARCHAR(200))";

  private final JdbcClient jdbc;

  public RecordingJob(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      jdbc.sql(
              "INSERT INTO schedule_it_run (job, instance_id, scheduled_at, fired_at, label)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(
              context.getJobDetail().getKey().getName(),
              context.getScheduler().getSchedulerInstanceId(),
              context.getScheduledFireTime().getTime(),
              context.getFireTime().getTime(),
              context.getMergedJobDataMap().getString("label"))
          .update();
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }
}
