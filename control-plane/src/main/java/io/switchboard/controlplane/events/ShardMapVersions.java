package io.switchboard.controlplane.events;

import io.switchboard.controlplane.shardmap.ShardMapPublished;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Relays {@link ShardMapPublished} application events to the event stream. */
@Component
class ShardMapVersions {

  private final List<LongConsumer> subscribers = new CopyOnWriteArrayList<>();

  void subscribe(LongConsumer subscriber) {
    subscribers.add(subscriber);
  }

  @EventListener
  void on(ShardMapPublished published) {
    subscribers.forEach(subscriber -> subscriber.accept(published.version()));
  }
}
