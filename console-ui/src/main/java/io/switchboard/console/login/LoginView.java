package io.switchboard.console.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.Lumo;
import io.switchboard.console.layout.ThemePreference;

/**
 * Console login: posts the credentials to Spring Security's form login at {@code /login}. Dark
 * unless this browser chose light ({@link ThemePreference}).
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Switchboard")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm form = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    VaadinRequest request = VaadinRequest.getCurrent();
    if (ThemePreference.isDarkByCookieHeader(
        request == null ? null : request.getHeader("Cookie"))) {
      getElement().getThemeList().add(Lumo.DARK);
    }
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    form.setId("login-form");
    Paragraph hint =
        new Paragraph(
            "The first administrator is 'admin'; its password is SWITCHBOARD_ADMIN_PASSWORD or the"
                + " one printed at first start.");
    hint.addClassName("login-hint");
    hint.getStyle().set("max-width", "22rem").set("color", "var(--lumo-secondary-text-color)");
    add(new H1("Switchboard"), form, hint);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
  }
}
