package io.switchboard.cli.auth;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.cli.connection.ConnectionOptions;
import io.switchboard.cli.connection.ConnectionResolver;
import io.switchboard.cli.connection.ControlPlaneClients;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.settings.CredentialStore;
import io.switchboard.cli.settings.Credentials;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code login}: exchanges a username and password for an API token ({@code POST /api/v1/tokens}
 * with HTTP Basic credentials, label {@code cli@<hostname>}) and saves it with the control plane's
 * URL in the {@link CredentialStore}; later commands use it by default.
 */
@Command
public class LoginCommand {

  private final ConnectionResolver connections;
  private final ControlPlaneClients clients;
  private final CredentialStore credentials;
  private final Prompter prompter;

  LoginCommand(
      ConnectionResolver connections,
      ControlPlaneClients clients,
      CredentialStore credentials,
      Prompter prompter) {
    this.connections = connections;
    this.clients = clients;
    this.credentials = credentials;
    this.prompter = prompter;
  }

  /**
   * Logs in and saves the token.
   *
   * @param url {@code --url}, see {@link ConnectionResolver#resolveUrl}
   * @param username {@code --username}; asked for when absent
   * @param password {@code --password}; asked for (without echo on a terminal) when absent
   * @return who is logged in where, with which role, until when
   */
  @Command(
      command = "login",
      description =
          "Gets an API token for a user and saves it, with the URL, in"
              + " ~/.config/switchboard/credentials.json (owner-only; $XDG_CONFIG_HOME is honoured)."
              + " Asks for a missing username or password; reads them from standard input when it"
              + " is not a terminal. "
              + ExitStatus.HELP)
  public String login(
      @Option(longNames = ConnectionOptions.URL, description = ConnectionOptions.URL_HELP)
          String url,
      @Option(longNames = "username", description = "user to log in as; asked for when absent")
          String username,
      @Option(
              longNames = "password",
              description =
                  "the user's password; asked for when absent (safer: command lines can be seen"
                      + " by other users)")
          String password) {
    URI baseUrl = connections.resolveUrl(url);
    String user = Optional.ofNullable(username).or(() -> prompter.ask("Username: ")).orElse(null);
    String secret =
        Optional.ofNullable(password).or(() -> prompter.askSecret("Password: ")).orElse(null);
    BasicCredentials basic = new BasicCredentials(user, secret);
    IssuedToken issued =
        clients
            .tokens(baseUrl)
            .issueToken(basic.authorizationHeader(), new TokenRequest("cli@" + hostname()));
    credentials.save(
        new Credentials(baseUrl.toString(), issued.token(), issued.username(), issued.expiresAt()));
    return "Logged in to %s as %s (%s) until %s."
        .formatted(baseUrl, issued.username(), issued.role(), issued.expiresAt());
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unnamed) {
      return "unknown-host";
    }
  }
}
