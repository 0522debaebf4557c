package io.switchboard.cli.shell;

import org.jline.utils.AttributedString;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/** The interactive prompt: {@code switchboard:>}. */
@Component
class SwitchboardPrompt implements PromptProvider {

  @Override
  public AttributedString getPrompt() {
    return new AttributedString("switchboard:>");
  }
}
