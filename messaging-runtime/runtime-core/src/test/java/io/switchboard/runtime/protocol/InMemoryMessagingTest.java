package io.switchboard.runtime.protocol;

/** The test fake keeps the contracts of the seam it stands in for. */
class InMemoryMessagingTest extends MessagingEndpointContract {

  @Override
  protected MessagingEndpoint createEndpoint(UpdatePublisher publisher) {
    return new InMemoryMessaging().factory().create(publisher);
  }
}
