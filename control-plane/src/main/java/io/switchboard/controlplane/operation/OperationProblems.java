package io.switchboard.controlplane.operation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 7807 problem details for the operation API's refusals, each with what to do about it. */
@RestControllerAdvice(assignableTypes = OperationController.class)
class OperationProblems {

  @ExceptionHandler(InvalidOperationException.class)
  ProblemDetail invalid(InvalidOperationException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid operation", e.getMessage());
  }

  @ExceptionHandler(OperationConflictException.class)
  ProblemDetail conflict(OperationConflictException e) {
    return problem(
        HttpStatus.CONFLICT,
        "Conflicting operation",
        e.getMessage() + ". Wait for it to finish, or cancel it, then try again.");
  }

  @ExceptionHandler(IllegalOperationTransitionException.class)
  ProblemDetail transition(IllegalOperationTransitionException e) {
    return problem(HttpStatus.CONFLICT, "Not possible in the operation's state", e.getMessage());
  }

  @ExceptionHandler(UnknownOperationException.class)
  ProblemDetail unknown(UnknownOperationException e) {
    return problem(
        HttpStatus.NOT_FOUND,
        "Unknown operation",
        e.getMessage() + ". List the operations with GET /api/v1/operations.");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
