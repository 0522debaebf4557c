package io.switchboard.cli.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** The reasons shown for the failures the JDK HTTP client throws (chains as it builds them). */
class UnreachableControlPlaneTest {

  @Test
  void unresolvableHost() {
    assertThat(reason(connectFailure(new UnresolvedAddressException())))
        .isEqualTo("unknown host cp.example");
  }

  @Test
  void refusedConnectionHasNoMessageAtAll() {
    assertThat(reason(connectFailure(new ClosedChannelException())))
        .isEqualTo("connection refused");
  }

  @Test
  void connectTimeout() {
    assertThat(reason(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo("no connection within 5 s");
  }

  @Test
  void responseTimeout() {
    assertThat(reason(new HttpTimeoutException("request timed out")))
        .isEqualTo("no answer within 30 s");
  }

  @Test
  void otherwiseTheDeepestMessage() {
    assertThat(reason(new IOException("wrapped", new IOException("Connection reset"))))
        .isEqualTo("Connection reset");
  }

  private static String reason(IOException failure) {
    return UnreachableControlPlane.reason(failure, "cp.example");
  }

  private static ConnectException connectFailure(Throwable cause) {
    ConnectException inner = new ConnectException();
    inner.initCause(cause);
    ConnectException outer = new ConnectException();
    outer.initCause(inner);
    return outer;
  }
}
