package io.switchboard.controlplane.schedule;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.schedule.ScheduleApi;
import io.switchboard.api.schedule.ScheduledJobView;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoint of {@link ScheduleApi}: the scheduled jobs, read-only. */
@RestController
@Tag(name = "Schedules", description = "Jobs the control plane runs on a schedule")
class ScheduleController implements ScheduleApi {

  private final ScheduledJobs jobs;

  ScheduleController(ScheduledJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "Every scheduled job with its schedule and next fire time, by key")
  public List<ScheduledJobView> schedules() {
    return jobs.list().stream()
        .map(
            job ->
                new ScheduledJobView(
                    job.key(),
                    job.jobClass(),
                    job.schedule(),
                    job.nextFireAt(),
                    job.previousFireAt(),
                    job.state()))
        .toList();
  }
}
