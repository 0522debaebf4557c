package io.switchboard.cli.operation;

import java.util.Arrays;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes {@code --fault} values of {@code drill run node|shard} in the interactive shell;
 * referenced by bean name from {@code @OptionValues(provider = DrillFaultCompletion.NAME)}.
 */
@Component(DrillFaultCompletion.NAME)
public class DrillFaultCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "drillFaultCompletion";

  /** Every fault, whatever was typed so far (JLine filters by prefix). */
  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    return Arrays.stream(DrillFault.values())
        .map(fault -> new CompletionProposal(fault.optionValue()).description(fault.effect()))
        .toList();
  }
}
