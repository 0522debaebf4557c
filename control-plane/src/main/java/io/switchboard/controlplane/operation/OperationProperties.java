package io.switchboard.controlplane.operation;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of operations ({@code switchboard.operations.*}).
 *
 * @param approvalRequiredFor the types that wait for a second person's approval (an ADMIN other
 *     than the requester) before they run; none by default
 */
@ConfigurationProperties("switchboard.operations")
public record OperationProperties(Set<OperationType> approvalRequiredFor) {

  public OperationProperties {
    approvalRequiredFor = approvalRequiredFor == null ? Set.of() : Set.copyOf(approvalRequiredFor);
  }
}
