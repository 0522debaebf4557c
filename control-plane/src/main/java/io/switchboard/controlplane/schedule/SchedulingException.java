package io.switchboard.controlplane.schedule;

/** The scheduler could not do what was asked (its store failed, or it is shut down). */
public class SchedulingException extends RuntimeException {

  SchedulingException(String message, Throwable cause) {
    super(message, cause);
  }
}
