package io.switchboard.controlplane.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Exports {@code switchboard_control_plane_up}: 1 while the control plane's aggregated health
 * ({@code /actuator/health}: its database, disk space, ...) is UP, 0 otherwise; evaluated at each
 * scrape, so an alert on it sees what the health endpoint would say at that moment.
 */
@Component
class ControlPlaneHealthMetrics {

  ControlPlaneHealthMetrics(HealthEndpoint health, MeterRegistry meters) {
    Gauge.builder(
            "switchboard.control.plane.up",
            health,
            endpoint -> Status.UP.equals(endpoint.health().getStatus()) ? 1 : 0)
        .description("1 while the control plane's own health (database, disk, ...) is UP")
        .register(meters);
  }
}
