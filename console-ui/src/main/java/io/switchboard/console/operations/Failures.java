package io.switchboard.console.operations;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.security.access.AccessDeniedException;

/**
 * Shows why the control plane refused or failed a request, in its own words (its exceptions carry
 * messages written for people: an invalid parameter, the conflicting operation, a transition that
 * is not possible).
 */
public final class Failures {

  private Failures() {}

  /** The message for people about {@code failure} while trying to {@code action}. */
  public static String message(String action, RuntimeException failure) {
    if (failure instanceof AccessDeniedException) {
      return "Cannot " + action + ": your role does not allow it.";
    }
    String reason = failure.getMessage();
    if (reason == null || reason.isBlank()) {
      reason = failure.getClass().getSimpleName();
    }
    return "Cannot " + action + ": " + reason;
  }

  /** An error notification with {@link #message}; it stays until closed or for 8 seconds. */
  public static Notification show(String action, RuntimeException failure) {
    Notification notification = new Notification(message(action, failure), 8000);
    notification.setPosition(Notification.Position.TOP_CENTER);
    notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    notification.setId("error-notification");
    notification.open();
    return notification;
  }
}
