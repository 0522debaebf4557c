package io.switchboard.controlplane.security;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 7807 problem details for refused user and token administration requests. */
@RestControllerAdvice(assignableTypes = UserController.class)
class UserProblems {

  @ExceptionHandler(UserAdministrationException.class)
  ProblemDetail refused(UserAdministrationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(e.title());
    return problem;
  }
}
