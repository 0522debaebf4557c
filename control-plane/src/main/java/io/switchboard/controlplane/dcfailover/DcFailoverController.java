package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.dcfailover.DcFailoverApi;
import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.controlplane.operation.UnknownOperationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

/** {@link DcFailoverApi} over HTTP: the directory is public, reports readable by every role. */
@RestController
class DcFailoverController implements DcFailoverApi {

  private final GatewayDirectory directory;
  private final DcFailoverReports reports;

  DcFailoverController(GatewayDirectory directory, DcFailoverReports reports) {
    this.directory = directory;
    this.reports = reports;
  }

  @Override
  public GatewayDirectoryView gateways(String home) {
    return directory.view(home);
  }

  @Override
  public DcFailoverReportView report(String id) {
    return reports
        .find(id)
        .orElseThrow(
            () ->
                new UnknownOperationException(
                    "no DC failover report for operation "
                        + id
                        + " (a DC_FAILOVER stores it at its assess-risk step)"));
  }

  @ExceptionHandler(UnknownOperationException.class)
  ProblemDetail unknown(UnknownOperationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Unknown DC failover");
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    return problem;
  }
}
