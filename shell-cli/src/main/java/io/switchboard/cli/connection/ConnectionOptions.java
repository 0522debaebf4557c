package io.switchboard.cli.connection;

/**
 * Names and help texts of the options every command that calls the control plane takes, and of the
 * environment variables behind their defaults. Compile-time constants, for annotations.
 */
public final class ConnectionOptions {

  /** {@code --url}: base URL of the control plane. */
  public static final String URL = "url";

  /** {@code --token}: API token sent as {@code Authorization: Bearer}. */
  public static final String TOKEN = "token";

  /** Environment variable holding the default for {@code --url}. */
  public static final String URL_VARIABLE = "SWITCHBOARD_URL";

  /** Environment variable holding the default for {@code --token}. */
  public static final String TOKEN_VARIABLE = "SWITCHBOARD_TOKEN";

  /** The URL used when neither the option, the environment nor a saved login names one. */
  public static final String DEFAULT_URL = "http://localhost:8080";

  public static final String URL_HELP =
      "control plane base URL; default: $"
          + URL_VARIABLE
          + ", else the URL saved by login, else "
          + DEFAULT_URL;

  public static final String TOKEN_HELP =
      "API token; default: $"
          + TOKEN_VARIABLE
          + ", else the token saved by login (sent only to the URL that issued it)";

  private ConnectionOptions() {}
}
