package io.switchboard.controlplane.schedule;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Service;

/**
 * The entry point for features that run work on a schedule (chaos experiments, backup tiers,
 * reconciliation): schedule a job by key, unschedule it, list what is scheduled.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Jobs are durable: they are stored in the control plane's database and survive a restart. A
 *       feature may therefore (and should) call {@link #schedule} at every start: scheduling a key
 *       again with the same job class, schedule and data changes nothing (the next fire time is
 *       kept); with anything different it replaces the job and its trigger.
 *   <li>A key names one job and its one trigger; by convention {@code feature.what}, e.g. {@code
 *       backup.hourly}. Keys become the {@code job} label of {@code switchboard_job_runs_total}, so
 *       keep them a bounded set (no ids of unbounded things).
 *   <li>A job is a public {@link Job} class with a public constructor; Spring creates each run's
 *       instance, injecting beans into its constructor (or {@code @Autowired} fields), and sets its
 *       bean properties from the job's data. Data are strings only (they are stored as properties,
 *       not serialized objects); a run reads them from {@code context.getMergedJobDataMap()}.
 *   <li>On PostgreSQL the scheduler is clustered: each fire runs on exactly one control-plane
 *       instance, and a run interrupted by an instance's crash is run again by another one. Jobs
 *       must therefore be idempotent. Annotate a job {@link org.quartz.DisallowConcurrentExecution}
 *       if two of its runs must never overlap (e.g. a run that may outlast its interval).
 *   <li>Long work does not belong in a job: the pool is small (sized for a 2-core machine); a job
 *       that starts something long starts a durable operation and returns.
 * </ul>
 */
@Service
public class ScheduledJobs {

  /** The Quartz group of every job and trigger scheduled here. */
  static final String GROUP = "switchboard";

  private final Scheduler scheduler;
  private final Clock clock;

  ScheduledJobs(Scheduler scheduler, Clock clock, MeterRegistry meters) {
    this.scheduler = scheduler;
    this.clock = clock;
    Gauge.builder("switchboard.scheduled.jobs", this, ScheduledJobs::countForGauge)
        .description("Jobs scheduled in the control plane's scheduler (all instances)")
        .register(meters);
  }

  /**
   * Schedules {@code jobClass} under {@code key} on {@code schedule} with {@code data}, unless it
   * is scheduled so already.
   *
   * @return true if it was scheduled or replaced, false if it was scheduled exactly so already
   * @throws SchedulingException if the scheduler's store fails
   */
  public boolean schedule(
      String key, Class<? extends Job> jobClass, JobSchedule schedule, Map<String, String> data) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(jobClass, "jobClass");
    Objects.requireNonNull(schedule, "schedule");
    Map<String, String> jobData = Map.copyOf(data == null ? Map.of() : data);
    JobKey jobKey = JobKey.jobKey(key, GROUP);
    TriggerKey triggerKey = TriggerKey.triggerKey(key, GROUP);
    try {
      JobDetail existing = scheduler.getJobDetail(jobKey);
      Trigger existingTrigger = scheduler.getTrigger(triggerKey);
      if (existing != null
          && existingTrigger != null
          && existing.getJobClass().equals(jobClass)
          && stringData(existing.getJobDataMap()).equals(jobData)
          && schedule.equals(JobSchedule.of(existingTrigger))) {
        return false;
      }
      JobDetail job =
          JobBuilder.newJob(jobClass)
              .withIdentity(jobKey)
              .usingJobData(new JobDataMap(jobData))
              .requestRecovery(true)
              .build();
      TriggerBuilder<? extends Trigger> trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(triggerKey)
              .forJob(jobKey)
              .withSchedule(schedule.quartzSchedule());
      if (schedule instanceof JobSchedule.Every every) {
        trigger.startAt(Date.from(clock.instant().plus(every.interval())));
      }
      // replace = true: two instances scheduling the same key at once both succeed.
      scheduler.scheduleJob(job, Set.of(trigger.build()), true);
      return true;
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot schedule " + key, e);
    }
  }

  /**
   * Removes the job under {@code key} and its trigger; a run in progress finishes.
   *
   * @return whether there was one
   */
  public boolean unschedule(String key) {
    try {
      return scheduler.deleteJob(JobKey.jobKey(key, GROUP));
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot unschedule " + key, e);
    }
  }

  /** Every scheduled job (of every control-plane instance sharing the database), by key. */
  public List<ScheduledJob> list() {
    try {
      List<ScheduledJob> jobs = new ArrayList<>();
      for (JobKey jobKey : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
        JobDetail detail = scheduler.getJobDetail(jobKey);
        if (detail == null) {
          continue; // deleted meanwhile
        }
        Trigger trigger =
            scheduler.getTriggersOfJob(jobKey).stream()
                .min(Comparator.comparing(Trigger::getNextFireTime, nullsLast()))
                .orElse(null);
        jobs.add(view(jobKey, detail, trigger));
      }
      jobs.sort(Comparator.comparing(ScheduledJob::key));
      return jobs;
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot list the scheduled jobs", e);
    }
  }

  /** The key a job is shown and counted under: its name in our group, else group.name. */
  static String keyOf(JobKey jobKey) {
    return GROUP.equals(jobKey.getGroup()) ? jobKey.getName() : jobKey.toString();
  }

  private ScheduledJob view(JobKey jobKey, JobDetail detail, Trigger trigger)
      throws SchedulerException {
    if (trigger == null) {
      return new ScheduledJob(
          keyOf(jobKey), detail.getJobClass().getName(), "none", null, null, "NONE");
    }
    JobSchedule schedule = JobSchedule.of(trigger);
    return new ScheduledJob(
        keyOf(jobKey),
        detail.getJobClass().getName(),
        schedule == null ? "other" : schedule.describe(),
        instant(trigger.getNextFireTime()),
        instant(trigger.getPreviousFireTime()),
        scheduler.getTriggerState(trigger.getKey()).name());
  }

  private double countForGauge() {
    try {
      return scheduler.isShutdown()
          ? Double.NaN
          : scheduler.getJobKeys(GroupMatcher.anyJobGroup()).size();
    } catch (SchedulerException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static Map<String, String> stringData(JobDataMap data) {
    Map<String, String> strings = new HashMap<>();
    data.forEach((name, value) -> strings.put(name, String.valueOf(value)));
    return strings;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static Comparator<Date> nullsLast() {
    return Comparator.nullsLast(Comparator.naturalOrder());
  }
}
