package io.switchboard.controlplane.security;

import org.springframework.http.HttpStatus;

/**
 * A refused user or token administration request. The message is written for people and says what
 * to do; it is the problem detail over HTTP and what the console shows.
 */
public class UserAdministrationException extends RuntimeException {

  private final HttpStatus status;
  private final String title;

  private UserAdministrationException(HttpStatus status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  static UserAdministrationException invalid(String message) {
    return new UserAdministrationException(HttpStatus.BAD_REQUEST, "Invalid request", message);
  }

  static UserAdministrationException unknownUser(String username) {
    return new UserAdministrationException(
        HttpStatus.NOT_FOUND,
        "Unknown user",
        "There is no user '" + username + "'. List the users with GET /api/v1/users.");
  }

  static UserAdministrationException unknownToken(String id) {
    return new UserAdministrationException(
        HttpStatus.NOT_FOUND,
        "Unknown token",
        "There is no token with id '" + id + "'. List the tokens with GET /api/v1/tokens.");
  }

  static UserAdministrationException conflict(String title, String message) {
    return new UserAdministrationException(HttpStatus.CONFLICT, title, message);
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }
}
