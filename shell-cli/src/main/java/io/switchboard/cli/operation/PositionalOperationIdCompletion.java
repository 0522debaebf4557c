package io.switchboard.cli.operation;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completes the operation id typed as the first argument of {@code op show|watch|cancel|approve}
 * and {@code dc report} with the ids of {@link OperationIdCompletion}.
 */
@Component
class PositionalOperationIdCompletion extends FirstArgumentCompletion {

  PositionalOperationIdCompletion(OperationIdCompletion ids) {
    super(Set.of("op show", "op watch", "op cancel", "op approve", "dc report"), ids);
  }
}
