/**
 * Scheduled jobs: the control plane's Quartz scheduler, whose jobs and triggers live in the control
 * plane's own database (Flyway creates the {@code qrtz_*} tables), so a job survives a restart. On
 * PostgreSQL the scheduler is clustered: control-plane instances that share the database share the
 * jobs, each fire runs on exactly one of them, and when one stops the others go on firing.
 *
 * <p>Other features schedule through {@link io.switchboard.controlplane.schedule.ScheduledJobs}
 * (idempotently, by key) and write their jobs as plain Quartz {@link org.quartz.Job} classes, which
 * Spring creates (constructor injection works). {@code GET /api/v1/schedules} lists the jobs;
 * {@code switchboard_scheduled_jobs} and {@code switchboard_job_runs_total{job,outcome}} count
 * them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schedules")
package io.switchboard.controlplane.schedule;
