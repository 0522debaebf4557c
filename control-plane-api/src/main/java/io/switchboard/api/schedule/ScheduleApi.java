package io.switchboard.api.schedule;

import java.util.List;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The control plane's scheduled jobs (chaos experiments, backups, reconciliation, ...), read-only:
 * features schedule their jobs themselves. Readable by every role.
 */
@HttpExchange("/api/v1/schedules")
public interface ScheduleApi {

  /** Every scheduled job, ordered by key, with when it fires next. */
  @GetExchange
  List<ScheduledJobView> schedules();
}
