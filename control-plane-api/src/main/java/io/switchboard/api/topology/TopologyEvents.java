package io.switchboard.api.topology;

import java.util.function.Consumer;

/**
 * Live topology changes for in-process clients (the console). The listener receives a full, fresh
 * {@link TopologyView} after every health change; it is called on a control-plane thread and must
 * hand work to its own thread (for example Vaadin's {@code UI.access}).
 */
public interface TopologyEvents {

  /** Registers a listener; closing the returned handle unregisters it. */
  AutoCloseable subscribe(Consumer<TopologyView> listener);
}
