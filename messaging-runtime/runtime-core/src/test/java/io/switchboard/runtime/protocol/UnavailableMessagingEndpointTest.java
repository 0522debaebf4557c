package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnavailableMessagingEndpointTest {

  @Test
  void answersEveryOperationAtOnceWithUnavailable() {
    List<Throwable> unexpected = new ArrayList<>();
    OperationDispatcher dispatcher =
        new OperationDispatcher(
            UnavailableMessagingEndpoint.FACTORY.create((userId, update) -> {}),
            (operation, failure) -> unexpected.add(failure));
    List<Operation> operations = new ArrayList<>();
    operations.add(new Operation(1, 0, Requests.register(1, "Ada", "americas")));
    operations.add(new Operation(2, 0, Requests.authenticate(2, "token")));
    for (ClientFrame request : Requests.userOperations(3, 1_024, 1, 1)) {
      operations.add(new Operation(request.getRequestId(), 1_024, request));
    }

    for (Operation operation : operations) {
      ServerFrame answer = dispatcher.dispatch(operation).getNow(null);

      assertThat(answer).as("%s", operation.request().getBodyCase()).isNotNull();
      assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(answer.getError().getMessage()).contains("does not serve messaging");
    }
    assertThat(operations).hasSize(15);
    assertThat(unexpected).isEmpty();
  }
}
