package io.switchboard.cli.operation;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completes the drill id typed as the first argument of {@code drill show} with the ids of {@link
 * DrillIdCompletion}.
 */
@Component
class PositionalDrillIdCompletion extends FirstArgumentCompletion {

  PositionalDrillIdCompletion(DrillIdCompletion ids) {
    super(Set.of("drill show"), ids);
  }
}
