package io.switchboard.cli.connection;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.settings.CredentialStore;
import io.switchboard.cli.settings.Credentials;
import io.switchboard.cli.settings.EnvironmentVariables;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Decides the {@link Connection} of a command. For the URL and the token separately, the first that
 * is set wins:
 *
 * <ol>
 *   <li>the command-line option ({@code --url}, {@code --token}),
 *   <li>the environment variable ({@value ConnectionOptions#URL_VARIABLE}, {@value
 *       ConnectionOptions#TOKEN_VARIABLE}),
 *   <li>the credentials saved by {@code login}; the saved token only when the URL is the one that
 *       issued it, so a token is never sent to another server,
 *   <li>for the URL only, {@value ConnectionOptions#DEFAULT_URL}.
 * </ol>
 *
 * The credentials file is read only when an option and its variable leave something open.
 */
public final class ConnectionResolver {

  private final EnvironmentVariables environment;
  private final CredentialStore credentials;

  public ConnectionResolver(EnvironmentVariables environment, CredentialStore credentials) {
    this.environment = environment;
    this.credentials = credentials;
  }

  /**
   * The connection for the given options.
   *
   * @param urlOption value of {@code --url}, or {@code null} when not given
   * @param tokenOption value of {@code --token}, or {@code null} when not given
   * @throws CliFailure a usage error when the chosen URL is not an absolute http(s) URL
   */
  public Connection resolve(String urlOption, String tokenOption) {
    Optional<String> explicitUrl = explicit(urlOption, ConnectionOptions.URL_VARIABLE);
    Optional<String> explicitToken = explicit(tokenOption, ConnectionOptions.TOKEN_VARIABLE);
    Optional<Credentials> saved =
        explicitUrl.isPresent() && explicitToken.isPresent()
            ? Optional.empty()
            : credentials.load();
    URI baseUrl =
        baseUrl(
            explicitUrl
                .or(() -> saved.map(Credentials::url))
                .orElse(ConnectionOptions.DEFAULT_URL));
    String token =
        explicitToken
            .or(
                () ->
                    saved
                        .filter(login -> baseUrl(login.url()).equals(baseUrl))
                        .map(Credentials::token))
            .orElse(null);
    return new Connection(baseUrl, token);
  }

  /**
   * The control plane URL alone (for {@code login}), chosen like in {@link #resolve}.
   *
   * @param urlOption value of {@code --url}, or {@code null} when not given
   */
  public URI resolveUrl(String urlOption) {
    return baseUrl(
        explicit(urlOption, ConnectionOptions.URL_VARIABLE)
            .or(() -> credentials.load().map(Credentials::url))
            .orElse(ConnectionOptions.DEFAULT_URL));
  }

  private Optional<String> explicit(String option, String variable) {
    return Optional.ofNullable(option)
        .filter(value -> !value.isBlank())
        .or(() -> environment.get(variable));
  }

  /** Parses and normalises a base URL: trimmed, without trailing slashes. */
  static URI baseUrl(String value) {
    String trimmed = value.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      boolean http = "http".equalsIgnoreCase(uri.getScheme());
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      if ((http || https) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // Reported below with the same message as any other unusable URL.
    }
    throw CliFailure.usage(
        "Invalid control plane URL '"
            + value
            + "': expected http://host:port or https://host:port (from --url, "
            + ConnectionOptions.URL_VARIABLE
            + " or the saved login).");
  }
}
