package io.switchboard.console.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.switchboard.api.user.NewUser;
import io.switchboard.api.user.UserApi;
import io.switchboard.api.user.UserView;
import io.switchboard.console.operations.Failures;
import java.util.function.Consumer;

/**
 * Creates a user: a name, a role (VIEWER by default) and an initial password to hand over. "Create"
 * is enabled once the inputs pass the control plane's rules; a refusal (e.g. the name exists) is
 * shown in the dialog and as a notification, and the dialog stays open to correct it.
 */
class NewUserDialog extends Dialog {

  private final UserApi users;
  private final Consumer<UserView> created;
  private final TextField username = new TextField("Name");
  private final Select<String> role = new Select<>();
  private final PasswordField password = new PasswordField("Initial password");
  private final Paragraph refusal = new Paragraph();
  private final Button create = new Button("Create");

  /** How a refusal is announced besides in the dialog: a notification (tests replace it). */
  Consumer<RuntimeException> announceRefusal = e -> Failures.show("create the user", e);

  NewUserDialog(UserApi users, Consumer<UserView> created) {
    this.users = users;
    this.created = created;
    setId("new-user-dialog");
    setHeaderTitle("New user");
    setWidth("min(28rem, 95vw)");
    setCloseOnOutsideClick(false);

    username.setId("new-user-name");
    username.setPlaceholder("e.g. jane.doe");
    username.setRequiredIndicatorVisible(true);
    username.setWidthFull();
    role.setId("new-user-role");
    role.setLabel("Role");
    role.setItems(UserPresentation.ROLES);
    role.setValue("VIEWER");
    role.setHelperText("VIEWER reads; OPERATOR also runs operations; ADMIN also manages users");
    role.setWidthFull();
    password.setId("new-user-password");
    password.setRequiredIndicatorVisible(true);
    password.setHelperText(
        "At least " + UserPresentation.MIN_PASSWORD_LENGTH + " characters; hand it over safely");
    password.setWidthFull();
    username.setValueChangeMode(ValueChangeMode.EAGER);
    password.setValueChangeMode(ValueChangeMode.EAGER);
    username.addValueChangeListener(e -> check());
    password.addValueChangeListener(e -> check());
    role.addValueChangeListener(e -> check());

    refusal.setId("new-user-refusal");
    refusal.getStyle().set("color", "var(--lumo-error-text-color)");
    refusal.setVisible(false);

    VerticalLayout form = new VerticalLayout(username, role, password, refusal);
    form.setPadding(false);
    add(form);

    create.setId("new-user-create");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setEnabled(false);
    create.addClickListener(e -> create());
    Button cancel = new Button("Cancel", e -> close());
    getFooter().add(cancel, create);
  }

  Button createButton() {
    return create;
  }

  String refusalText() {
    return refusal.isVisible() ? refusal.getText() : "";
  }

  private void check() {
    username.setInvalid(UserPresentation.usernameHint(username.getValue()).isPresent());
    username.setErrorMessage(UserPresentation.usernameHint(username.getValue()).orElse(null));
    password.setInvalid(UserPresentation.passwordHint(password.getValue()).isPresent());
    password.setErrorMessage(UserPresentation.passwordHint(password.getValue()).orElse(null));
    create.setEnabled(
        UserPresentation.canCreate(username.getValue(), role.getValue(), password.getValue()));
  }

  private void create() {
    UserView user;
    try {
      user =
          users.createUser(new NewUser(username.getValue(), role.getValue(), password.getValue()));
    } catch (RuntimeException e) {
      refusal.setText(Failures.message("create the user", e));
      refusal.setVisible(true);
      announceRefusal.accept(e);
      return;
    }
    close();
    created.accept(user);
  }
}
