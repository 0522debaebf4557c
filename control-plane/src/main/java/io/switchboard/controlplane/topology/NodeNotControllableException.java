package io.switchboard.controlplane.topology;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The node exists but no launcher in this control plane owns its process (it was not started by the
 * embedded cluster). Rendered as a 409 problem.
 */
public class NodeNotControllableException extends ErrorResponseException {

  public NodeNotControllableException(String nodeId) {
    super(HttpStatus.CONFLICT, problem(nodeId), null);
  }

  private static ProblemDetail problem(String nodeId) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "Node '"
                + nodeId
                + "' was not launched by this control plane, so it cannot be killed or started"
                + " from here. Process control is available for the embedded cluster.");
    problem.setTitle("Node not controllable");
    return problem;
  }
}
