package io.switchboard.controlplane.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.springframework.stereotype.Component;

/**
 * Counts the runs of this instance's scheduler as {@code switchboard_job_runs_total{job,outcome}}:
 * {@code job} is the job's key, {@code outcome} {@code SUCCEEDED} (the job returned), {@code
 * FAILED} (it threw) or {@code VETOED} (a trigger listener stopped it). Registered as a global job
 * listener of the scheduler by {@link SchedulerConfiguration}.
 */
@Component
class JobRunMetrics implements JobListener {

  private final MeterRegistry registry;

  JobRunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String getName() {
    return "switchboard-job-run-metrics";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {}

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {
    count(context, "VETOED");
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
    count(context, failure == null ? "SUCCEEDED" : "FAILED");
  }

  private void count(JobExecutionContext context, String outcome) {
    Counter.builder("switchboard.job.runs")
        .description("Runs of scheduled jobs on this instance, by job key and outcome")
        .tags("job", ScheduledJobs.keyOf(context.getJobDetail().getKey()), "outcome", outcome)
        .register(registry)
        .increment();
  }
}
