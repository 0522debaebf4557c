package io.switchboard.console.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import io.switchboard.api.user.NewUser;
import io.switchboard.api.user.PasswordReset;
import io.switchboard.api.user.RoleChange;
import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserApi;
import io.switchboard.api.user.UserView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NewUserDialogTest {

  /** Creates users unless told to refuse with a reason, as the control plane does. */
  static final class CreatingApi implements UserApi {
    final List<NewUser> created = new ArrayList<>();
    String refusal;

    @Override
    public UserView createUser(NewUser user) {
      if (refusal != null) {
        throw new IllegalStateException(refusal);
      }
      created.add(user);
      return new UserView(user.username(), user.role(), true, Instant.EPOCH, null, 0);
    }

    @Override
    public List<UserView> users() {
      return List.of();
    }

    @Override
    public UserView changeRole(String username, RoleChange change) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public UserView disableUser(String username) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public UserView enableUser(String username) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public void resetPassword(String username, PasswordReset password) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public void deleteUser(String username) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public List<TokenView> tokens(String username) {
      throw new AssertionError("the dialog only creates users");
    }

    @Override
    public TokenView revokeToken(String id) {
      throw new AssertionError("the dialog only creates users");
    }
  }

  @Test
  void createIsEnabledOnceTheInputsAreValidAndSendsThem() {
    CreatingApi api = new CreatingApi();
    List<UserView> handedOn = new ArrayList<>();
    NewUserDialog dialog = new NewUserDialog(api, handedOn::add);
    assertThat(dialog.createButton().isEnabled()).isFalse();

    value(dialog, "new-user-name").setValue("jane.doe");
    value(dialog, "new-user-password").setValue("short");
    assertThat(dialog.createButton().isEnabled()).as("password too short").isFalse();
    value(dialog, "new-user-password").setValue("a-long-enough-password");
    value(dialog, "new-user-role").setValue("OPERATOR");
    assertThat(dialog.createButton().isEnabled()).isTrue();
    dialog.createButton().click();

    assertThat(api.created)
        .containsExactly(new NewUser("jane.doe", "OPERATOR", "a-long-enough-password"));
    assertThat(handedOn).extracting(UserView::username).containsExactly("jane.doe");
  }

  @Test
  void aRefusalIsShownInTheControlPlanesWordsAndTheDialogStaysOpen() {
    CreatingApi api = new CreatingApi();
    api.refusal = "A user 'jane' exists already. Choose another name.";
    List<UserView> handedOn = new ArrayList<>();
    NewUserDialog dialog = new NewUserDialog(api, handedOn::add);
    List<RuntimeException> announced = new ArrayList<>();
    dialog.announceRefusal = announced::add;
    value(dialog, "new-user-name").setValue("jane");
    value(dialog, "new-user-password").setValue("a-long-enough-password");

    dialog.createButton().click();

    assertThat(dialog.refusalText())
        .isEqualTo("Cannot create the user: A user 'jane' exists already. Choose another name.");
    assertThat(announced).extracting(Throwable::getMessage).containsExactly(api.refusal);
    assertThat(handedOn).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static HasValue<?, String> value(Component root, String id) {
    return (HasValue<?, String>) find(root, id);
  }

  private static Component find(Component root, String id) {
    return descendants(root)
        .filter(c -> c.getId().filter(id::equals).isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no component " + id));
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(
        Stream.of(root), root.getChildren().flatMap(NewUserDialogTest::descendants));
  }
}
