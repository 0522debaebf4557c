package io.switchboard.console.operations;

import com.vaadin.flow.component.html.Span;

/**
 * A Lumo pill badge showing a state word (an operation's state or an audit outcome) in its colour.
 * Carries {@code data-state} so that tests find the state without reading colours.
 */
public final class StateBadge extends Span {

  private String theme = "";

  public StateBadge() {
    getElement().getThemeList().add("badge");
    getElement().getThemeList().add("pill");
    addClassName("state-badge");
    getStyle().set("white-space", "nowrap");
  }

  /** A badge for an operation state. */
  public static StateBadge ofOperation(String state) {
    StateBadge badge = new StateBadge();
    badge.show(state, OperationPresentation.stateTheme(state));
    return badge;
  }

  /** A badge for an audit outcome. */
  public static StateBadge ofOutcome(String outcome) {
    StateBadge badge = new StateBadge();
    badge.show(outcome, OperationPresentation.outcomeTheme(outcome));
    return badge;
  }

  /** Shows {@code state} in the badge variant {@code variant} ("" for the plain one). */
  public void show(String state, String variant) {
    setText(state == null ? "" : state);
    getElement().setAttribute("data-state", state == null ? "" : state);
    if (!theme.isEmpty()) {
      getElement().getThemeList().remove(theme);
    }
    theme = variant == null ? "" : variant;
    if (!theme.isEmpty()) {
      getElement().getThemeList().add(theme);
    }
  }

  /** Shows an operation state in its colour. */
  public void showOperationState(String state) {
    show(state, OperationPresentation.stateTheme(state));
  }
}
