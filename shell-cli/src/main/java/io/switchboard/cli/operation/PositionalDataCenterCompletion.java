package io.switchboard.cli.operation;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Completes the data centre id typed as the first argument of {@code dc failover|switchback} with
 * the ids of {@link DataCenterCompletion}.
 */
@Component
class PositionalDataCenterCompletion extends FirstArgumentCompletion {

  PositionalDataCenterCompletion(DataCenterCompletion ids) {
    super(Set.of("dc failover", "dc switchback"), ids);
  }
}
