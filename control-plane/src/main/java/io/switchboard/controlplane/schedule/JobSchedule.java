package io.switchboard.controlplane.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

/**
 * When a job fires: on a Quartz cron expression (in UTC) or at a fixed interval.
 *
 * <p>Misfires (a fire that no instance could start within the misfire threshold, e.g. because every
 * control plane was down) are not replayed one by one: the job runs once as soon as it can, then
 * follows its schedule again.
 */
public sealed interface JobSchedule {

  /**
   * A Quartz cron expression, evaluated in UTC: seconds, minutes, hours, day of month, month, day
   * of week, optional year; e.g. {@code 0 0 3 * * ?} is 03:00 UTC every day.
   *
   * @throws IllegalArgumentException if the expression is not valid
   */
  static JobSchedule cron(String expression) {
    return new Cron(expression);
  }

  /**
   * Every {@code interval} (at least one millisecond; sub-millisecond parts are dropped), the first
   * fire one interval after it was scheduled.
   */
  static JobSchedule every(Duration interval) {
    return new Every(interval);
  }

  /** How the API shows it: {@code cron <expression>} or {@code every <ISO-8601 duration>}. */
  String describe();

  /** The Quartz schedule, with this type's misfire policy. */
  ScheduleBuilder<? extends Trigger> quartzSchedule();

  /** The schedule of a trigger this class built, or null for another kind of trigger. */
  static JobSchedule of(Trigger trigger) {
    if (trigger instanceof CronTrigger cron) {
      return new Cron(cron.getCronExpression());
    }
    if (trigger instanceof SimpleTrigger simple
        && simple.getRepeatCount() == SimpleTrigger.REPEAT_INDEFINITELY) {
      return new Every(Duration.ofMillis(simple.getRepeatInterval()));
    }
    return null;
  }

  /** A cron schedule in UTC. */
  record Cron(String expression) implements JobSchedule {

    public Cron {
      Objects.requireNonNull(expression, "expression");
      if (!CronExpression.isValidExpression(expression)) {
        throw new IllegalArgumentException("not a valid Quartz cron expression: " + expression);
      }
    }

    @Override
    public String describe() {
      return "cron " + expression;
    }

    @Override
    public ScheduleBuilder<? extends Trigger> quartzSchedule() {
      return CronScheduleBuilder.cronSchedule(expression)
          .inTimeZone(TimeZone.getTimeZone("UTC"))
          .withMisfireHandlingInstructionFireAndProceed();
    }
  }

  /** A fixed interval. */
  record Every(Duration interval) implements JobSchedule {

    public Every {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("interval must be at least 1 ms: " + interval);
      }
      interval = Duration.ofMillis(interval.toMillis()); // what Quartz keeps
    }

    @Override
    public String describe() {
      return "every " + interval;
    }

    @Override
    public ScheduleBuilder<? extends Trigger> quartzSchedule() {
      return SimpleScheduleBuilder.simpleSchedule()
          .withIntervalInMilliseconds(interval.toMillis())
          .repeatForever()
          .withMisfireHandlingInstructionNowWithExistingCount();
    }
  }
}
