package io.switchboard.console.layout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.Lumo;
import io.switchboard.console.audit.AuditView;
import io.switchboard.console.drills.DrillsView;
import io.switchboard.console.operations.OperationsView;
import io.switchboard.console.overview.OverviewView;
import io.switchboard.console.shards.ShardsView;
import io.switchboard.console.users.UsersView;
import jakarta.annotation.security.PermitAll;

/**
 * The frame of every signed-in page: product name, navigation, the signed-in user, a light/dark
 * switch (dark by default, remembered per browser: {@link ThemePreference}) and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(AuthenticationContext authentication) {
    applyRememberedTheme(UI.getCurrent());
    setPrimarySection(Section.DRAWER);

    H1 title = new H1("Switchboard");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

    Span user =
        new Span(authentication.getPrincipalName().map(name -> "Signed in as " + name).orElse(""));
    user.setId("signed-in-user");
    Button theme = new Button(VaadinIcon.ADJUST.create(), e -> toggleTheme());
    theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    theme.setTooltipText("Switch light/dark");
    theme.setId("theme-toggle");
    theme.setAriaLabel("Switch light/dark");
    Button signOut = new Button("Sign out", e -> authentication.logout());
    signOut.setId("sign-out");
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, user, theme, signOut);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);
    header.getStyle().set("padding", "0 var(--lumo-space-m)");
    addToNavbar(header);

    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.GLOBE.create()));
    SideNavItem shardMap =
        new SideNavItem("Shard map", ShardsView.class, VaadinIcon.GRID_SMALL.create());
    shardMap.setId("nav-shards");
    nav.addItem(shardMap);
    SideNavItem operations =
        new SideNavItem("Operations", OperationsView.class, VaadinIcon.TASKS.create());
    operations.setMatchNested(true);
    operations.setId("nav-operations");
    nav.addItem(operations);
    SideNavItem drills = new SideNavItem("Drills", DrillsView.class, VaadinIcon.BOLT.create());
    drills.setId("nav-drills");
    nav.addItem(drills);
    SideNavItem audit = new SideNavItem("Audit", AuditView.class, VaadinIcon.RECORDS.create());
    audit.setId("nav-audit");
    nav.addItem(audit);
    if (authentication.hasRole("ADMIN")) {
      SideNavItem users =
          new SideNavItem("Users & tokens", UsersView.class, VaadinIcon.USERS.create());
      users.setId("nav-users");
      nav.addItem(users);
    }
    addToDrawer(nav);
  }

  /**
   * Applies the theme this browser chose last: from the cookie of the request that builds the
   * layout, or, when there is no request at hand, from the browser's cookies by a round trip.
   */
  private static void applyRememberedTheme(UI ui) {
    VaadinRequest request = VaadinRequest.getCurrent();
    if (request != null) {
      setDark(ui, ThemePreference.isDarkByCookieHeader(request.getHeader("Cookie")));
      return;
    }
    setDark(ui, ThemePreference.isDark((String) null));
    ui.getPage()
        .executeJs("return document.cookie")
        .then(String.class, cookies -> setDark(ui, ThemePreference.isDarkByCookieHeader(cookies)));
  }

  private static void toggleTheme() {
    UI ui = UI.getCurrent();
    boolean dark = !ui.getElement().getThemeList().contains(Lumo.DARK);
    setDark(ui, dark);
    ui.getPage().executeJs("document.cookie = $0", ThemePreference.cookieAssignment(dark));
  }

  private static void setDark(UI ui, boolean dark) {
    var themes = ui.getElement().getThemeList();
    if (dark) {
      themes.add(Lumo.DARK);
    } else {
      themes.remove(Lumo.DARK);
    }
  }
}
