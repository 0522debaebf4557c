package io.switchboard.controlplane.schedule;

import java.time.Instant;

/**
 * A job as {@link ScheduledJobs#list()} reports it.
 *
 * @param key the key it was scheduled under
 * @param jobClass the fully qualified name of its {@link org.quartz.Job} class
 * @param schedule {@link JobSchedule#describe()} of its trigger ({@code other} for a trigger not
 *     made by {@link ScheduledJobs})
 * @param nextFireAt when it fires next, or null if never again
 * @param previousFireAt when it last fired, or null if it has not
 * @param state the Quartz state of its trigger ({@code NORMAL}, {@code PAUSED}, {@code BLOCKED},
 *     {@code ERROR}, {@code COMPLETE}, or {@code NONE} without a trigger)
 */
public record ScheduledJob(
    String key,
    String jobClass,
    String schedule,
    Instant nextFireAt,
    Instant previousFireAt,
    String state) {}
