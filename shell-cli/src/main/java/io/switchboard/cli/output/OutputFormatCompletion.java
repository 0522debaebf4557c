package io.switchboard.cli.output;

import java.util.Arrays;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Completes {@code --output} values in the interactive shell; referenced by bean name from
 * {@code @OptionValues(provider = OutputFormatCompletion.NAME)}.
 */
@Component(OutputFormatCompletion.NAME)
public class OutputFormatCompletion implements CompletionProvider {

  /** Bean name to put in {@code @OptionValues}. */
  public static final String NAME = "outputFormatCompletion";

  /** Every output format, whatever was typed so far (JLine filters by prefix). */
  @Override
  public List<CompletionProposal> apply(CompletionContext context) {
    return Arrays.stream(OutputFormat.values())
        .map(format -> new CompletionProposal(format.optionValue()))
        .toList();
  }
}
