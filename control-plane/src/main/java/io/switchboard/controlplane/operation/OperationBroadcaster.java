package io.switchboard.controlplane.operation;

import io.switchboard.api.operation.OperationEvents;
import io.switchboard.api.operation.OperationView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands every recorded operation transition to the subscribers of {@link OperationEvents}, as the
 * API shows the operation. A failing subscriber is logged and does not stop the others or the
 * operation.
 */
@Component
class OperationBroadcaster implements OperationEvents {

  private static final Logger log = LoggerFactory.getLogger(OperationBroadcaster.class);

  private final List<Consumer<OperationView>> subscribers = new CopyOnWriteArrayList<>();
  private final OperationViews views;

  OperationBroadcaster(OperationViews views) {
    this.views = views;
  }

  @Override
  public AutoCloseable subscribe(Consumer<OperationView> listener) {
    subscribers.add(listener);
    return () -> subscribers.remove(listener);
  }

  /** Tells every subscriber that {@code operation} changed (it was just stored). */
  void changed(Operation operation) {
    if (subscribers.isEmpty()) {
      return;
    }
    OperationView view = views.view(operation);
    for (Consumer<OperationView> subscriber : subscribers) {
      try {
        subscriber.accept(view);
      } catch (RuntimeException e) {
        log.warn("an operation subscriber failed", e);
      }
    }
  }
}
