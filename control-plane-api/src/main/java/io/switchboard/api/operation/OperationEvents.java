package io.switchboard.api.operation;

import java.util.function.Consumer;

/**
 * Live operation progress for in-process clients (the console, the event stream). The listener
 * receives the operation's fresh {@link OperationView} after every recorded transition (a step
 * started or ended, a state change); it is called on a control-plane thread and must hand work to
 * its own thread.
 */
public interface OperationEvents {

  /** Registers a listener; closing the returned handle unregisters it. */
  AutoCloseable subscribe(Consumer<OperationView> listener);
}
