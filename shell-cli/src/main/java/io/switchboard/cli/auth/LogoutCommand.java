package io.switchboard.cli.auth;

import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.settings.CredentialStore;
import org.springframework.shell.command.annotation.Command;

/**
 * {@code logout}: forgets the saved credentials. The token itself stays valid on the control plane
 * until it expires.
 */
@Command
public class LogoutCommand {

  private final CredentialStore credentials;

  LogoutCommand(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /**
   * Deletes the saved credentials; succeeds also when there were none.
   *
   * @return what was done
   */
  @Command(
      command = "logout",
      description = "Deletes the credentials saved by login. " + ExitStatus.HELP)
  public String logout() {
    return credentials.delete()
        ? "Logged out: deleted " + credentials.file() + "."
        : "Not logged in: there are no saved credentials in " + credentials.file() + ".";
  }
}
