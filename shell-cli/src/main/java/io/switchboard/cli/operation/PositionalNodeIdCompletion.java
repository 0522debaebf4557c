package io.switchboard.cli.operation;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completes the node id typed as the first argument of {@code node show|drain|restart} and {@code
 * drill run node} with the ids of {@link NodeIdCompletion}.
 */
@Component
class PositionalNodeIdCompletion extends FirstArgumentCompletion {

  PositionalNodeIdCompletion(NodeIdCompletion ids) {
    super(Set.of("node show", "node drain", "node restart", "drill run node"), ids);
  }
}
