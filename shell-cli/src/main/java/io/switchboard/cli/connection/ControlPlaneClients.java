package io.switchboard.cli.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.auth.TokenApi;
import io.switchboard.api.dcfailover.DcFailoverApi;
import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.topology.TopologyApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * HTTP clients of the {@code control-plane-api} interfaces: the same contract the console calls
 * in-process, here over HTTP with {@link RestClient} and {@link HttpServiceProxyFactory}.
 *
 * <p>Every failure of a call is a {@link io.switchboard.cli.exit.CliFailure}: unreachable (exit
 * status 2, {@link UnreachableControlPlane}), 401/403 (exit status 2), any other error status (exit
 * status 3) ({@link ControlPlaneErrorHandler}).
 */
public final class ControlPlaneClients {

  /** Time allowed to open a connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Time allowed for the response to start once the request is sent. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private static final String TOKEN_HINT =
      "Run 'login', or check --token / " + ConnectionOptions.TOKEN_VARIABLE + ".";
  private static final String PASSWORD_HINT = "Check the username and password.";

  private final HttpClient httpClient;
  private final ObjectMapper json;

  /**
   * @param json reads and writes the API records and problem documents
   */
  public ControlPlaneClients(ObjectMapper json) {
    this.httpClient =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.json = json;
  }

  /** The topology API, presenting the connection's token as {@code Authorization: Bearer}. */
  public TopologyApi topology(Connection connection) {
    return proxy(TopologyApi.class, withBearerToken(connection));
  }

  /** The operation API, presenting the connection's token as {@code Authorization: Bearer}. */
  public OperationApi operations(Connection connection) {
    return proxy(OperationApi.class, withBearerToken(connection));
  }

  /** The shard map API, presenting the connection's token as {@code Authorization: Bearer}. */
  public ShardApi shards(Connection connection) {
    return proxy(ShardApi.class, withBearerToken(connection));
  }

  /** The audit log API, presenting the connection's token as {@code Authorization: Bearer}. */
  public AuditApi audit(Connection connection) {
    return proxy(AuditApi.class, withBearerToken(connection));
  }

  /** The drill report API, presenting the connection's token as {@code Authorization: Bearer}. */
  public DrillApi drills(Connection connection) {
    return proxy(DrillApi.class, withBearerToken(connection));
  }

  /**
   * The DC failover API (gateway directory, DC failover reports), presenting the connection's token
   * as {@code Authorization: Bearer}.
   */
  public DcFailoverApi dcFailovers(Connection connection) {
    return proxy(DcFailoverApi.class, withBearerToken(connection));
  }

  /** The token API; each call carries its own HTTP Basic credentials. */
  public TokenApi tokens(URI baseUrl) {
    return proxy(TokenApi.class, restClient(baseUrl, PASSWORD_HINT));
  }

  private RestClient.Builder withBearerToken(Connection connection) {
    RestClient.Builder client = restClient(connection.baseUrl(), TOKEN_HINT);
    connection
        .bearerToken()
        .ifPresent(token -> client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    return client;
  }

  private RestClient.Builder restClient(URI baseUrl, String accessHint) {
    JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
    requestFactory.setReadTimeout(RESPONSE_TIMEOUT);
    return RestClient.builder()
        .baseUrl(baseUrl.toString())
        .requestFactory(requestFactory)
        .messageConverters(
            converters ->
                converters.replaceAll(
                    converter ->
                        converter instanceof MappingJackson2HttpMessageConverter
                            ? new MappingJackson2HttpMessageConverter(json)
                            : converter))
        .requestInterceptor(new UnreachableControlPlane(baseUrl))
        .defaultStatusHandler(
            HttpStatusCode::isError, new ControlPlaneErrorHandler(baseUrl, accessHint, json));
  }

  private static <T> T proxy(Class<T> api, RestClient.Builder client) {
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client.build()))
        .build()
        .createClient(api);
  }
}
