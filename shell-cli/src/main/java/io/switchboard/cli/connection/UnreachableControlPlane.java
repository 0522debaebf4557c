package io.switchboard.cli.connection;

import io.switchboard.cli.exit.CliFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Turns an I/O failure while sending a request (connection refused, unknown host, timeout) into a
 * {@link CliFailure} with exit status 2 that names the URL and says what went wrong.
 */
final class UnreachableControlPlane implements ClientHttpRequestInterceptor {

  private final URI baseUrl;

  /**
   * @param baseUrl the control plane, named in messages
   */
  UnreachableControlPlane(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
    try {
      return execution.execute(request, body);
    } catch (IOException failure) {
      throw CliFailure.noAccess(
          "Cannot reach the control plane at "
              + baseUrl
              + ": "
              + reason(failure, baseUrl.getHost())
              + ". Check that it is running, and check --url / "
              + ConnectionOptions.URL_VARIABLE
              + ".",
          failure);
    }
  }

  /**
   * What went wrong, in words. The JDK client wraps the cause in exceptions without messages, so
   * the whole cause chain is searched, in this order: an unresolvable host, a connect timeout, a
   * response timeout, the deepest message; a connect failure without any message was refused.
   *
   * @param failure what sending the request threw
   * @param host the control plane's host name, for "unknown host"
   */
  static String reason(IOException failure, String host) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      causes.add(cause);
    }
    if (causes.stream()
        .anyMatch(
            c -> c instanceof UnresolvedAddressException || c instanceof UnknownHostException)) {
      return "unknown host " + host;
    }
    if (causes.stream().anyMatch(HttpConnectTimeoutException.class::isInstance)) {
      return "no connection within " + ControlPlaneClients.CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (causes.stream().anyMatch(HttpTimeoutException.class::isInstance)) {
      return "no answer within " + ControlPlaneClients.RESPONSE_TIMEOUT.toSeconds() + " s";
    }
    return causes.stream()
        .map(Throwable::getMessage)
        .filter(message -> message != null && !message.isBlank())
        .reduce((outer, inner) -> inner)
        .orElseGet(
            () ->
                causes.stream().anyMatch(ConnectException.class::isInstance)
                    ? "connection refused"
                    : failure.getClass().getSimpleName());
  }
}
