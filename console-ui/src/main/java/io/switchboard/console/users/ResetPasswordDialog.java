package io.switchboard.console.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.switchboard.api.user.PasswordReset;
import io.switchboard.api.user.UserApi;
import io.switchboard.console.operations.Failures;

/**
 * Sets a new password for a user, who then signs in with it; the user's tokens stay valid. A
 * refusal is shown in the dialog and as a notification.
 */
class ResetPasswordDialog extends Dialog {

  private final UserApi users;
  private final String username;
  private final Runnable done;
  private final PasswordField password = new PasswordField("New password");
  private final Paragraph refusal = new Paragraph();
  private final Button set = new Button("Set password");

  ResetPasswordDialog(UserApi users, String username, Runnable done) {
    this.users = users;
    this.username = username;
    this.done = done;
    setId("reset-password-dialog");
    setHeaderTitle("Reset the password of '" + username + "'");
    setWidth("min(28rem, 95vw)");
    setCloseOnOutsideClick(false);

    password.setId("reset-password-value");
    password.setWidthFull();
    password.setValueChangeMode(ValueChangeMode.EAGER);
    password.setHelperText(
        "At least "
            + UserPresentation.MIN_PASSWORD_LENGTH
            + " characters. Their tokens stay valid: revoke them below if the password leaked.");
    password.addValueChangeListener(
        e -> {
          password.setInvalid(UserPresentation.passwordHint(e.getValue()).isPresent());
          password.setErrorMessage(UserPresentation.passwordHint(e.getValue()).orElse(null));
          set.setEnabled(UserPresentation.canSetPassword(e.getValue()));
        });
    refusal.setId("reset-password-refusal");
    refusal.getStyle().set("color", "var(--lumo-error-text-color)");
    refusal.setVisible(false);
    VerticalLayout form = new VerticalLayout(password, refusal);
    form.setPadding(false);
    add(form);

    set.setId("reset-password-set");
    set.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    set.setEnabled(false);
    set.addClickListener(e -> reset());
    getFooter().add(new Button("Cancel", e -> close()), set);
  }

  private void reset() {
    try {
      users.resetPassword(username, new PasswordReset(password.getValue()));
    } catch (RuntimeException e) {
      refusal.setText(Failures.message("set the password", e));
      refusal.setVisible(true);
      Failures.show("set the password", e);
      return;
    }
    close();
    done.run();
  }
}
