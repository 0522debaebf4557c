package io.switchboard.controlplane.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyEvents;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.controlplane.topology.TopologyProperties.DataCenterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The topology's source of truth inside the control plane: registered nodes and their health.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>Every state change is written to the database before it becomes visible in {@link #view()}
 *       or reaches a subscriber.
 *   <li>Health of a node changes only through {@link #recordCheck}, driven by a single checker
 *       thread; {@link NodeHealthTracker} decides when a change happens.
 *   <li>Subscribers get a complete, fresh view after every change; a failing subscriber is logged
 *       and does not stop the others.
 * </ul>
 */
@Service
public class TopologyService implements TopologyEvents {

  private volatile List<String> placementNotes = List.of();

  private static final Logger log = LoggerFactory.getLogger(TopologyService.class);

  private final TopologyProperties properties;
  private final HealthCheckProperties healthProperties;
  private final TopologyRepository repository;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
  private final Map<String, NodeHealthTracker> trackers = new ConcurrentHashMap<>();
  private final List<Consumer<TopologyView>> subscribers = new CopyOnWriteArrayList<>();

  TopologyService(
      TopologyProperties properties,
      HealthCheckProperties healthProperties,
      TopologyRepository repository,
      ApplicationEventPublisher events,
      MeterRegistry meters,
      Clock clock) {
    this.properties = properties;
    this.healthProperties = healthProperties;
    this.repository = repository;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
    repository.saveDataCenters(properties.dataCenters());
    Instant now = clock.instant();
    for (NodeState stored : repository.findNodes()) {
      // After a restart nothing is known about any node until it is checked again.
      track(stored.withHealth(NodeHealth.UNKNOWN, now, null));
    }
  }

  /**
   * Adds a node, or replaces the addresses of a known one. Its health starts as UNKNOWN.
   *
   * @throws IllegalArgumentException if the node names a data centre that is not configured
   */
  public void register(NodeRegistration node) {
    if (properties.dataCenters().stream().noneMatch(dc -> dc.id().equals(node.dc()))) {
      throw new IllegalArgumentException(
          "Node " + node.id() + " names unknown data centre '" + node.dc() + "'");
    }
    track(new NodeState(node, NodeHealth.UNKNOWN, clock.instant(), null));
    publish();
  }

  /** The registration of a node. */
  public NodeRegistration node(String nodeId) {
    return state(nodeId).node();
  }

  /** Every registered node, ordered by id. */
  public List<NodeRegistration> nodes() {
    return nodes.values().stream()
        .map(NodeState::node)
        .sorted(Comparator.comparing(NodeRegistration::id))
        .toList();
  }

  /**
   * Feeds one health check result into the node's tracker; persists and publishes a transition.
   * Called by the single checker thread only.
   *
   * @param error {@code null} when the check succeeded, else why it failed
   */
  void recordCheck(String nodeId, String error) {
    NodeState current = nodes.get(nodeId);
    NodeHealthTracker tracker = trackers.get(nodeId);
    if (current == null || tracker == null) {
      return;
    }
    Optional<NodeHealth> change = error == null ? tracker.recordSuccess() : tracker.recordFailure();
    if (change.isEmpty()) {
      if (error != null && !error.equals(current.lastError())) {
        nodes.put(nodeId, current.withError(error));
      }
      return;
    }
    Instant now = clock.instant();
    NodeState next = current.withHealth(change.get(), now, error);
    repository.saveHealth(nodeId, next.health(), now, error);
    nodes.put(nodeId, next);
    log.info(
        "Node {} ({}) is {}{}",
        nodeId,
        current.node().dc(),
        next.health(),
        error == null ? "" : ": " + error);
    events.publishEvent(
        new NodeHealthChanged(
            nodeId, current.node().dc(), current.health(), next.health(), now, error));
    publish();
  }

  /** The whole topology, assembled now. */
  public TopologyView view() {
    List<DataCenterView> dataCenters =
        properties.dataCenters().stream().map(this::dataCenterView).toList();
    return new TopologyView(dataCenters, clock.instant(), placementNotes);
  }

  /**
   * Records what the cluster's shard placement could not give (its report's lines), shown with
   * every view from now on.
   */
  public void reportPlacement(List<String> notes) {
    placementNotes = List.copyOf(notes);
    publish();
  }

  /** One node's current view. */
  public NodeView nodeView(String nodeId) {
    return state(nodeId).toView();
  }

  @Override
  public AutoCloseable subscribe(Consumer<TopologyView> listener) {
    subscribers.add(listener);
    return () -> subscribers.remove(listener);
  }

  private DataCenterView dataCenterView(DataCenterSpec dc) {
    List<NodeView> dcNodes =
        nodes.values().stream()
            .filter(n -> n.node().dc().equals(dc.id()))
            .map(NodeState::toView)
            .sorted(Comparator.comparing(NodeView::id))
            .toList();
    return new DataCenterView(
        dc.id(), dc.name(), dc.region(), dc.firstShard(), dc.lastShard(), dcNodes);
  }

  private NodeState state(String nodeId) {
    NodeState state = nodes.get(nodeId);
    if (state == null) {
      throw new UnknownNodeException(nodeId);
    }
    return state;
  }

  private void track(NodeState state) {
    String id = state.node().id();
    repository.saveNode(state);
    nodes.put(id, state);
    trackers.put(id, new NodeHealthTracker(healthProperties.failureThreshold(), state.health()));
    Gauge.builder("switchboard.node.up", this, t -> t.healthOf(id) == NodeHealth.UP ? 1 : 0)
        .description("1 when the node's last health checks succeeded, 0 otherwise")
        .tag("node", id)
        .tag("dc", state.node().dc())
        .register(meters);
  }

  private NodeHealth healthOf(String nodeId) {
    NodeState state = nodes.get(nodeId);
    return state == null ? NodeHealth.UNKNOWN : state.health();
  }

  private void publish() {
    TopologyView view = view();
    for (Consumer<TopologyView> subscriber : subscribers) {
      try {
        subscriber.accept(view);
      } catch (RuntimeException e) {
        log.warn("A topology subscriber failed", e);
      }
    }
  }
}
