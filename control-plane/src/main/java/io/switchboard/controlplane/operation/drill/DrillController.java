package io.switchboard.controlplane.operation.drill;

import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.controlplane.operation.UnknownOperationException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

/** {@link DrillApi} over HTTP; readable by every role. */
@RestController
class DrillController implements DrillApi {

  private final DrillReports reports;

  DrillController(DrillReports reports) {
    this.reports = reports;
  }

  @Override
  public List<DrillReportView> reports(int limit) {
    return reports.newest(Math.max(1, Math.min(limit, 500)));
  }

  @ExceptionHandler(UnknownOperationException.class)
  ProblemDetail unknown(UnknownOperationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Unknown drill");
    return problem;
  }

  @Override
  public DrillReportView report(String id) {
    return reports
        .find(id)
        .orElseThrow(
            () ->
                new UnknownOperationException(
                    "no drill report for operation " + id + " (a drill stores it when it ends)"));
  }
}
