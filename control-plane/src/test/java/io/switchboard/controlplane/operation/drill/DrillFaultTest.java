package io.switchboard.controlplane.operation.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.controlplane.operation.InvalidOperationException;
import org.junit.jupiter.api.Test;

class DrillFaultTest {

  @Test
  void aDrillWithoutAFaultKills() {
    assertThat(DrillFault.of(null)).isEqualTo(DrillFault.KILL);
  }

  @Test
  void eachFaultIsNamedByItsParameterValue() {
    for (DrillFault fault : DrillFault.values()) {
      assertThat(DrillFault.of(fault.value())).isEqualTo(fault);
    }
    assertThat(DrillFault.PARTITION.value()).isEqualTo("partition");
  }

  @Test
  void anotherValueIsRefusedNamingTheFaultsThereAre() {
    assertThatThrownBy(() -> DrillFault.of("PARTITION"))
        .isInstanceOf(InvalidOperationException.class)
        .hasMessage("'fault' is one of kill, partition, not 'PARTITION'");
  }
}
