package io.switchboard.console.users;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.switchboard.api.user.RoleChange;
import io.switchboard.api.user.TokenView;
import io.switchboard.api.user.UserApi;
import io.switchboard.api.user.UserView;
import io.switchboard.console.operations.Failures;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Users and API tokens, for ADMINs only (the route refuses other roles; the control plane refuses
 * their calls too). Users: role, enabled, created, last login, active tokens; change a role,
 * disable or enable, reset a password, delete (each change that takes something away asks first),
 * create one ("New user"). Tokens: owner, label, state, created, expires, last used; revoke. The
 * signed-in admin cannot demote, disable or delete themselves, so those controls are off in their
 * own row. Refusals are shown as notifications in the control plane's words.
 */
@Route("users")
@PageTitle("Users & tokens · Switchboard")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

  private final UserApi users;
  private final String signedIn;
  private final Grid<UserView> userGrid = new Grid<>();
  private final Grid<TokenView> tokenGrid = new Grid<>();
  private final Span usersStatus = new Span();
  private final Span tokensStatus = new Span();
  private final Checkbox showInactive =
      new Checkbox("Show inactive (expired, revoked, user disabled)");

  public UsersView(UserApi users, AuthenticationContext authentication) {
    this.users = users;
    this.signedIn = authentication.getPrincipalName().orElse("");
    setSizeFull();

    H2 title = new H2("Users & tokens");
    title.getStyle().set("margin", "0");
    Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
    refresh.setId("users-refresh");
    refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    Button newUser =
        new Button(
            "New user",
            VaadinIcon.PLUS.create(),
            e ->
                new NewUserDialog(
                        users,
                        created -> {
                          notifySuccess("Created '" + created.username() + "'");
                          reload();
                        })
                    .open());
    newUser.setId("new-user");
    newUser.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout header = new HorizontalLayout(title, refresh, newUser);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);

    configureUserGrid();
    configureTokenGrid();
    for (Span status : List.of(usersStatus, tokensStatus)) {
      status
          .getStyle()
          .set("color", "var(--lumo-secondary-text-color)")
          .set("font-size", "var(--lumo-font-size-s)");
    }
    usersStatus.setId("users-status");
    tokensStatus.setId("tokens-status");
    showInactive.setId("tokens-show-inactive");
    showInactive.addValueChangeListener(e -> reloadTokens());

    H3 usersTitle = new H3("Users");
    H3 tokensTitle = new H3("API tokens");
    for (H3 section : List.of(usersTitle, tokensTitle)) {
      section.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
    }
    HorizontalLayout usersHeader = new HorizontalLayout(usersTitle, usersStatus);
    usersHeader.setAlignItems(Alignment.BASELINE);
    HorizontalLayout tokensHeader = new HorizontalLayout(tokensTitle, tokensStatus, showInactive);
    tokensHeader.setAlignItems(Alignment.BASELINE);

    add(header, usersHeader, userGrid, tokensHeader, tokenGrid);
    setFlexGrow(1, userGrid, tokenGrid);
    // Both grids share the height; neither shrinks below a handful of rows.
    userGrid.setMinHeight("16rem");
    tokenGrid.setMinHeight("16rem");
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    reload();
  }

  /** Reads users and tokens again. */
  void reload() {
    reloadUsers();
    reloadTokens();
  }

  private void reloadUsers() {
    List<UserView> all;
    try {
      all = users.users();
    } catch (RuntimeException e) {
      usersStatus.setText(Failures.message("list the users", e));
      return;
    }
    userGrid.setItems(all);
    // Auto widths are measured once; new rows (a longer name, "Disabled") need measuring again.
    userGrid.recalculateColumnWidths();
    usersStatus.setText(UserPresentation.usersSummary(all));
  }

  private void reloadTokens() {
    List<TokenView> all;
    try {
      all = users.tokens(null);
    } catch (RuntimeException e) {
      tokensStatus.setText(Failures.message("list the tokens", e));
      return;
    }
    tokenGrid.setItems(UserPresentation.visibleTokens(all, showInactive.getValue()));
    tokenGrid.recalculateColumnWidths();
    tokensStatus.setText(UserPresentation.tokensSummary(all));
  }

  private void configureUserGrid() {
    userGrid.setId("users-grid");
    userGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    userGrid.addColumn(UserView::username).setHeader("Name").setAutoWidth(true).setKey("name");
    userGrid
        .addComponentColumn(this::roleSelect)
        .setHeader("Role")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setKey("role");
    userGrid
        .addComponentColumn(
            user -> {
              StateBadge badge = new StateBadge();
              badge.show(UserPresentation.enabledText(user), user.enabled() ? "success" : "error");
              return badge;
            })
        .setHeader("State")
        .setAutoWidth(true)
        .setFlexGrow(0);
    userGrid
        .addColumn(user -> OperationPresentation.dateTime(user.createdAt()))
        .setHeader("Created")
        .setAutoWidth(true)
        .setFlexGrow(0);
    userGrid
        .addColumn(user -> UserPresentation.lastLogin(user.lastLoginAt()))
        .setHeader("Last login")
        .setAutoWidth(true)
        .setFlexGrow(0);
    userGrid
        .addColumn(UserView::activeTokens)
        .setHeader("Active tokens")
        .setAutoWidth(true)
        .setFlexGrow(0);
    // The actions stay in view at the right edge however wide the other columns grow.
    userGrid
        .addComponentColumn(this::userActions)
        .setHeader("")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setFrozenToEnd(true);
    userGrid.setEmptyStateText("No users.");
    userGrid.setMinHeight("10rem");
  }

  private void configureTokenGrid() {
    tokenGrid.setId("tokens-grid");
    tokenGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    tokenGrid.addColumn(TokenView::username).setHeader("Owner").setAutoWidth(true);
    tokenGrid.addColumn(TokenView::label).setHeader("Label").setAutoWidth(true);
    tokenGrid
        .addComponentColumn(
            token -> {
              StateBadge badge = new StateBadge();
              badge.show(token.state(), UserPresentation.tokenStateTheme(token.state()));
              return badge;
            })
        .setHeader("State")
        .setAutoWidth(true)
        .setFlexGrow(0);
    tokenGrid
        .addColumn(token -> OperationPresentation.dateTime(token.createdAt()))
        .setHeader("Created")
        .setAutoWidth(true)
        .setFlexGrow(0);
    tokenGrid
        .addColumn(token -> OperationPresentation.dateTime(token.expiresAt()))
        .setHeader("Expires")
        .setAutoWidth(true)
        .setFlexGrow(0);
    tokenGrid
        .addColumn(token -> UserPresentation.lastUsed(token.lastUsedAt()))
        .setHeader("Last used")
        .setAutoWidth(true)
        .setFlexGrow(0);
    tokenGrid
        .addComponentColumn(this::revokeButton)
        .setHeader("")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setFrozenToEnd(true);
    tokenGrid.setEmptyStateText("No tokens.");
    tokenGrid.setMinHeight("10rem");
  }

  private Component roleSelect(UserView user) {
    Select<String> select = new Select<>();
    select.setItems(UserPresentation.ROLES);
    select.setValue(user.role());
    select.addClassName("user-role");
    select.getElement().setAttribute("data-username", user.username());
    select.addThemeName("small");
    select.setWidth("9rem");
    Optional<String> self = UserPresentation.selfProtection(signedIn, user);
    self.ifPresent(
        reason -> {
          select.setEnabled(false);
          select.setTooltipText(reason);
        });
    select.addValueChangeListener(
        e -> {
          if (!e.isFromClient() || e.getValue() == null || e.getValue().equals(user.role())) {
            return;
          }
          confirm(
              "Change the role?",
              UserPresentation.roleQuestion(user, e.getValue()),
              "Change role",
              false,
              () -> users.changeRole(user.username(), new RoleChange(e.getValue())),
              "change the role of '" + user.username() + "'",
              "'" + user.username() + "' is now " + e.getValue(),
              () -> select.setValue(user.role()));
        });
    return select;
  }

  private Component userActions(UserView user) {
    Optional<String> self = UserPresentation.selfProtection(signedIn, user);
    Button toggle;
    if (user.enabled()) {
      toggle =
          smallButton(
              "Disable",
              VaadinIcon.BAN,
              "user-disable",
              user.username(),
              () ->
                  confirm(
                      "Disable the user?",
                      UserPresentation.disableQuestion(user),
                      "Disable",
                      true,
                      () -> users.disableUser(user.username()),
                      "disable '" + user.username() + "'",
                      "Disabled '" + user.username() + "'",
                      () -> {}));
      self.ifPresent(reason -> disable(toggle, reason));
    } else {
      toggle =
          smallButton(
              "Enable",
              VaadinIcon.CHECK,
              "user-enable",
              user.username(),
              () ->
                  act(
                      () -> users.enableUser(user.username()),
                      "enable '" + user.username() + "'",
                      "Enabled '" + user.username() + "'"));
    }
    Button password =
        smallButton(
            "Reset password",
            VaadinIcon.KEY,
            "user-reset-password",
            user.username(),
            () ->
                new ResetPasswordDialog(
                        users,
                        user.username(),
                        () -> notifySuccess("Set a new password for '" + user.username() + "'"))
                    .open());
    Button delete =
        smallButton(
            "Delete",
            VaadinIcon.TRASH,
            "user-delete",
            user.username(),
            () ->
                confirm(
                    "Delete the user?",
                    UserPresentation.deleteQuestion(user),
                    "Delete",
                    true,
                    () -> {
                      users.deleteUser(user.username());
                      return null;
                    },
                    "delete '" + user.username() + "'",
                    "Deleted '" + user.username() + "'",
                    () -> {}));
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    self.ifPresent(reason -> disable(delete, reason));
    HorizontalLayout actions = new HorizontalLayout(toggle, password, delete);
    actions.setSpacing(false);
    actions.getStyle().set("gap", "var(--lumo-space-xs)");
    return actions;
  }

  private Component revokeButton(TokenView token) {
    if (!"ACTIVE".equals(token.state()) && !"USER_DISABLED".equals(token.state())) {
      return new Span();
    }
    Button revoke =
        smallButton(
            "Revoke",
            VaadinIcon.CLOSE_CIRCLE,
            "token-revoke",
            token.username(),
            () ->
                confirm(
                    "Revoke the token?",
                    UserPresentation.revokeQuestion(token),
                    "Revoke",
                    true,
                    () -> users.revokeToken(token.id()),
                    "revoke the token",
                    "Revoked the token '" + token.label() + "' of '" + token.username() + "'",
                    () -> {}));
    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
    revoke.getElement().setAttribute("data-token-id", token.id());
    return revoke;
  }

  /** Asks first; on yes calls {@code action}, then reports and reloads; on no, {@code undo}. */
  private void confirm(
      String header,
      String question,
      String yes,
      boolean destructive,
      Supplier<?> action,
      String what,
      String success,
      Runnable undo) {
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setId("users-confirm");
    dialog.setHeader(header);
    dialog.setText(question);
    dialog.setCancelable(true);
    dialog.setCancelText("Cancel");
    dialog.addCancelListener(e -> undo.run());
    dialog.setConfirmText(yes);
    if (destructive) {
      dialog.setConfirmButtonTheme("error primary");
    }
    dialog.addConfirmListener(
        e -> {
          if (!act(action, what, success)) {
            undo.run();
          }
        });
    dialog.open();
  }

  /** Calls {@code action}; reports success or the refusal; reloads either way. */
  private boolean act(Supplier<?> action, String what, String success) {
    try {
      action.get();
    } catch (RuntimeException e) {
      Failures.show(what, e);
      reload();
      return false;
    }
    notifySuccess(success);
    reload();
    return true;
  }

  private static Button smallButton(
      String text, VaadinIcon icon, String className, String username, Runnable onClick) {
    Button button = new Button(text, icon.create(), e -> onClick.run());
    button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    button.addClassName(className);
    button.getElement().setAttribute("data-username", username);
    return button;
  }

  private static void disable(Button button, String reason) {
    button.setEnabled(false);
    button.setTooltipText(reason);
  }

  private static void notifySuccess(String message) {
    Notification notification = new Notification(message, 4000);
    notification.setPosition(Notification.Position.BOTTOM_START);
    notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    notification.open();
  }
}
