package io.switchboard.console.overview;

import com.vaadin.flow.component.html.Span;
import io.switchboard.api.topology.NodeHealth;

/** A Lumo badge for a node's health: green UP, red DOWN, grey UNKNOWN. */
final class HealthBadge extends Span {

  HealthBadge(NodeHealth health) {
    super(health.name());
    getElement().getThemeList().add("badge");
    getElement().getThemeList().add("pill");
    switch (health) {
      case UP -> getElement().getThemeList().add("success");
      case DOWN -> getElement().getThemeList().add("error");
      case UNKNOWN -> getElement().getThemeList().add("contrast");
    }
    addClassName("health-badge");
  }
}
