package io.switchboard.runtime.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Update;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

  private static final long ADA = 1_100;
  private static final long BOB = 1_200;

  private final SessionRegistry registry = new SessionRegistry();

  @Test
  void publishesToEverySessionOfTheUserAndToNoOneElse() {
    RecordingSink phone = new RecordingSink();
    RecordingSink laptop = new RecordingSink();
    RecordingSink bobs = new RecordingSink();
    registry.add(ADA, phone);
    registry.add(ADA, laptop);
    registry.add(BOB, bobs);

    registry.publish(ADA, update(1));
    registry.publish(ADA, update(2));

    assertThat(phone.pts()).containsExactly(1L, 2L);
    assertThat(laptop.pts()).containsExactly(1L, 2L);
    assertThat(bobs.pts()).isEmpty();
    assertThat(registry.sessionsOf(ADA)).isEqualTo(2);
  }

  @Test
  void aRemovedSessionGetsNothingMoreAndAUserWithoutSessionsIsForgotten() {
    RecordingSink phone = new RecordingSink();
    registry.add(ADA, phone);

    registry.remove(ADA, phone);
    registry.remove(ADA, phone);
    registry.publish(ADA, update(1));

    assertThat(phone.pts()).isEmpty();
    assertThat(registry.sessionsOf(ADA)).isZero();
  }

  @Test
  void publishingToAUserWithoutSessionsDoesNothing() {
    registry.publish(BOB, update(1));

    assertThat(registry.sessionsOf(BOB)).isZero();
  }

  @Test
  void addingASessionTwiceKeepsOneRegistration() {
    RecordingSink phone = new RecordingSink();
    registry.add(ADA, phone);
    registry.add(ADA, phone);

    registry.publish(ADA, update(1));

    assertThat(phone.pts()).containsExactly(1L);
  }

  private static Update update(long pts) {
    return Update.newBuilder().setMailbox(MailboxUpdate.newBuilder().setPts(pts)).build();
  }

  /** A session that keeps what was pushed to it. */
  private static final class RecordingSink implements UpdateSink {

    private final List<Update> pushed = new ArrayList<>();

    @Override
    public void push(Update update) {
      pushed.add(update);
    }

    List<Long> pts() {
      return pushed.stream().map(update -> update.getMailbox().getPts()).toList();
    }
  }
}
