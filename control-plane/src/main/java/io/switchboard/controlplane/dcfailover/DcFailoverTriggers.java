package io.switchboard.controlplane.dcfailover;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Decides whether a data centre needs a DC failover now, from what the control plane observes.
 * Pure: no I/O, no clock.
 *
 * <ul>
 *   <li>{@value DcFailoverPlanner#UNREACHABLE}: every node of the DC is DOWN, the last of them for
 *       at least {@code unreachable-after}; detected when the last one went DOWN.
 *   <li>{@value DcFailoverPlanner#ERROR_RATE}: over the last sampling window the DC's gateways
 *       answered more than {@code error-rate} of at least {@code error-rate-min-requests} requests
 *       with an error.
 * </ul>
 */
final class DcFailoverTriggers {

  private DcFailoverTriggers() {}

  /**
   * Why {@code dc} should fail over.
   *
   * @param trigger the operation's {@code trigger} parameter
   * @param detectedAt when the condition started
   * @param detail what was observed, for the log and the alert
   */
  record Trigger(String trigger, Instant detectedAt, String detail) {}

  static Optional<Trigger> evaluate(
      DataCenterView dc, DcErrorRates.Window errors, Instant now, DcFailoverProperties policy) {
    if (!dc.nodes().isEmpty() && dc.nodes().stream().allMatch(n -> n.health() == NodeHealth.DOWN)) {
      Instant since =
          dc.nodes().stream()
              .map(NodeView::healthSince)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      if (!Duration.between(since, now).minus(policy.unreachableAfter()).isNegative()) {
        return Optional.of(
            new Trigger(
                DcFailoverPlanner.UNREACHABLE,
                since,
                "all "
                    + dc.nodes().size()
                    + " nodes of "
                    + dc.id()
                    + " DOWN since "
                    + since
                    + " (over "
                    + policy.unreachableAfter().toSeconds()
                    + " s)"));
      }
    }
    if (errors != null
        && errors.requests() >= policy.errorRateMinRequests()
        && errors.rate() > policy.errorRate()) {
      return Optional.of(
          new Trigger(
              DcFailoverPlanner.ERROR_RATE,
              errors.from(),
              String.format(
                  "%s answered %d of %d requests with an error (%.0f%% > %.0f%%) since %s",
                  dc.id(),
                  errors.errors(),
                  errors.requests(),
                  errors.rate() * 100,
                  policy.errorRate() * 100,
                  errors.from())));
    }
    return Optional.empty();
  }
}
