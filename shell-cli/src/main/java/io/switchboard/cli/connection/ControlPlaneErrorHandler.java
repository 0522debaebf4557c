package io.switchboard.cli.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.exit.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Turns an error response of the control plane into a {@link CliFailure}: 401 and 403 exit with
 * status 2 and tell the user how to get access; every other error status exits with status 3. The
 * message shows the problem's {@code detail} (else its {@code title}, else the status reason).
 */
final class ControlPlaneErrorHandler implements RestClient.ResponseSpec.ErrorHandler {

  /** How much of a response body is read at most when looking for a problem document. */
  private static final int MAX_PROBLEM_BYTES = 64 * 1024;

  private final URI baseUrl;
  private final String accessHint;
  private final ObjectMapper json;

  /**
   * @param baseUrl the control plane, named in messages
   * @param accessHint what to do after a 401 or 403, a full sentence
   * @param json parses problem documents
   */
  ControlPlaneErrorHandler(URI baseUrl, String accessHint, ObjectMapper json) {
    this.baseUrl = baseUrl;
    this.accessHint = accessHint;
    this.json = json;
  }

  @Override
  public void handle(HttpRequest request, ClientHttpResponse response) throws IOException {
    HttpStatusCode status = response.getStatusCode();
    String answer = "HTTP " + status.value() + explanation(status, response);
    if (status.value() == HttpStatus.UNAUTHORIZED.value()
        || status.value() == HttpStatus.FORBIDDEN.value()) {
      throw CliFailure.noAccess(
          "The control plane at " + baseUrl + " refused access (" + answer + "). " + accessHint,
          null);
    }
    throw CliFailure.operationFailed(
        "The control plane at " + baseUrl + " could not do it (" + answer + ").", null);
  }

  private String explanation(HttpStatusCode status, ClientHttpResponse response) {
    String problem = problemExplanation(response);
    if (!problem.isEmpty()) {
      return ": " + problem;
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "" : " " + known.getReasonPhrase();
  }

  /** The problem document's explanation, or empty when the body is not a problem document. */
  private String problemExplanation(ClientHttpResponse response) {
    try (InputStream body = response.getBody()) {
      byte[] content = body.readNBytes(MAX_PROBLEM_BYTES);
      return content.length == 0 ? "" : json.readValue(content, Problem.class).explanation();
    } catch (IOException notAProblemDocument) {
      return "";
    }
  }
}
