package io.switchboard.controlplane.topology;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request named a node the topology does not know. Rendered as a 404 problem. */
public class UnknownNodeException extends ErrorResponseException {

  public UnknownNodeException(String nodeId) {
    super(HttpStatus.NOT_FOUND, problem(nodeId), null);
  }

  private static ProblemDetail problem(String nodeId) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND,
            "There is no node '" + nodeId + "'. List the nodes with GET /api/v1/topology.");
    problem.setTitle("Unknown node");
    return problem;
  }
}
