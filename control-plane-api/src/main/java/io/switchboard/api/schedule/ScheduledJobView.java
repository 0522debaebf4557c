package io.switchboard.api.schedule;

import java.time.Instant;

/**
 * One scheduled job.
 *
 * @param key unique name, by convention {@code feature.what}, e.g. {@code backup.hourly}
 * @param job the job's class (what runs)
 * @param schedule when it fires: {@code cron <expression>} or {@code every <ISO-8601 duration>}
 * @param nextFireAt when it fires next, or null if it never will again
 * @param previousFireAt when it last fired, or null if it never has
 * @param state the trigger's state: {@code NORMAL}, {@code PAUSED}, {@code BLOCKED} (running, and
 *     its job runs one at a time), {@code ERROR} or {@code COMPLETE}
 */
public record ScheduledJobView(
    String key,
    String job,
    String schedule,
    Instant nextFireAt,
    Instant previousFireAt,
    String state) {}
