package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.Measurement;
import io.switchboard.benchmarks.load.Report;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What one send run measured. Only sends whose (intended) time fell after the warm-up count.
 *
 * @param rate closed loop, or the open loop's rate
 * @param inFlight sends outstanding per client in the closed loop
 * @param clients users sending, one connection each
 * @param measured from the end of the warm-up until the last measured send was acknowledged, at
 *     least the configured duration
 * @param acknowledged measured sends acknowledged as durable
 * @param crossDc how many of them went to a user homed in another data centre
 * @param failures measured and unmeasured sends answered with an error, by error code
 * @param latencyNanos latencies of the acknowledged measured sends, in nanoseconds: from the send
 *     (closed loop) or its intended time (open loop) to its acknowledgement
 * @param pushes updates the gateways pushed to the clients during the run
 * @param log the nodes' log activity in the measured window, when the nodes run in this JVM
 */
record SendResult(
    SendRate rate,
    int inFlight,
    int clients,
    Duration measured,
    long acknowledged,
    long crossDc,
    Map<String, Long> failures,
    Histogram latencyNanos,
    long pushes,
    Optional<LogWindow> log) {

  static final int LABEL_WIDTH = 18;

  SendResult {
    failures = Map.copyOf(failures);
  }

  /** Acknowledged (durable) sends per second of the measured time. */
  double throughputPerSecond() {
    return acknowledged / (measured.toNanos() / 1e9);
  }

  /** Latency at {@code percentile}, in milliseconds. */
  double latencyMillis(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }

  /** This run's figures under the name {@code system}, for comparisons with other systems. */
  Measurement measurement(String system) {
    return new Measurement(system, measured, acknowledged, failed(), latencyNanos);
  }

  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  String describeMode() {
    return rate.mode() == SendRate.Mode.CLOSED_LOOP
        ? "closed loop, " + inFlight + " in flight per client"
        : "open loop at " + rate.perSecond() + " sends/s, latency from the intended send time";
  }

  /** The human-readable report, one fact per line, ending with a line break. */
  String report() {
    Report report =
        new Report(LABEL_WIDTH)
            .line("mode", "%s", describeMode())
            .line("clients", "%d", clients)
            .line("measured", "%.3f s", measured.toNanos() / 1e9)
            .line("acknowledged", "%,d durable sends", acknowledged)
            .line("failed", "%,d%s", failed(), failures.isEmpty() ? "" : " " + failures)
            .line("throughput", "%,.0f durable acknowledged sends/s", throughputPerSecond())
            .line(
                "cross-DC",
                "%.1f %% of acknowledged sends",
                acknowledged == 0 ? 0.0 : 100.0 * crossDc / acknowledged)
            .heading("latency to the durable acknowledgement (ms):")
            .percentiles(latencyNanos, 1e6, "%.3f");
    if (log.isPresent()) {
      LogWindow window = log.get();
      report
          .heading("durable logs of the nodes, summed over the measured window:")
          .line("  fsyncs", "%,.0f /s", window.fsyncsPerSecond())
          .line("  sends/fsync", "%.1f acknowledged sends per fsync", window.sendsPerFsync())
          .line("  records/fsync", "%.1f log records per fsync", window.during().recordsPerFsync())
          .line("  records/send", "%.2f", window.recordsPerSend())
          .line("  write rate", "%.1f MB/s", window.during().bytes() / window.seconds() / 1e6)
          .heading("CPU and heap of this JVM (nodes and load generator) over the measured window:")
          .line("  busy", "%.2f cores", window.coresBusy())
          .line("  per send", "%.1f us per acknowledged send", window.cpuMicrosPerSend())
          .line(
              "  allocated",
              "%.1f KB of heap per acknowledged send",
              window.allocatedBytesPerSend() / 1000);
      if (!window.switches().isEmpty()) {
        report.line(
            "  switches",
            "%.1f voluntary context switches per acknowledged send: %s",
            window.switchesPerSend(),
            window.switchesPerSendByRole());
      }
    } else {
      report.heading("durable logs: not measurable, the nodes do not run in this JVM");
    }
    return report.line("pushes", "%,d updates pushed to the clients", pushes).toString();
  }
}
