package io.switchboard.console.layout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * What a signed-in user sees on a page their role may not open (a viewer following a link to Users
 * &amp; tokens, say): the page frame, who they are signed in as with which role, and a way back,
 * instead of the framework's bare "Could not navigate" text. Answers HTTP 403. People who are not
 * signed in never get here: they are sent to the sign-in page.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not for your role · Switchboard")
@PermitAll
public class AccessDeniedView extends VerticalLayout
    implements HasErrorParameter<AccessDeniedException> {

  private static final int FORBIDDEN = 403;

  private final AuthenticationContext authentication;
  private final Paragraph explanation = new Paragraph();

  public AccessDeniedView(AuthenticationContext authentication) {
    this.authentication = authentication;
    H2 heading = new H2("This page is not for your role");
    heading.setId("access-denied");
    explanation.setId("access-denied-detail");
    Anchor back = new Anchor("", "Back to the overview");
    back.setId("access-denied-back");
    add(heading, explanation, back);
  }

  @Override
  public int setErrorParameter(
      BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
    String user = authentication.getPrincipalName().orElse("unknown");
    explanation.setText(
        "You are signed in as "
            + user
            + " ("
            + roleOf()
            + "), and '/"
            + event.getLocation().getPath()
            + "' needs a role with more rights. Ask an administrator if you need it.");
    return FORBIDDEN;
  }

  private String roleOf() {
    for (String role : new String[] {"ADMIN", "OPERATOR", "VIEWER"}) {
      if (authentication.hasRole(role)) {
        return role;
      }
    }
    return "no role";
  }
}
