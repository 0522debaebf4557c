package io.switchboard.console.layout;

/**
 * The light/dark choice, remembered per browser in a cookie ({@value #COOKIE}: {@code dark} or
 * {@code light}, a year, the whole site). The cookie is read on the server when the layout is
 * built, so a reload draws the chosen theme at once, with no flash of the other one; it is written
 * by the browser when someone switches. Without the cookie the console is dark.
 */
public final class ThemePreference {

  public static final String COOKIE = "switchboard-theme";
  static final String DARK = "dark";
  static final String LIGHT = "light";
  static final int MAX_AGE_SECONDS = 365 * 24 * 3600;

  private ThemePreference() {}

  /** Whether {@code cookieValue} (may be {@code null}) asks for the dark theme. */
  public static boolean isDark(String cookieValue) {
    return !LIGHT.equals(cookieValue == null ? null : cookieValue.trim());
  }

  /** Whether a request's {@code Cookie} header (may be {@code null}) asks for the dark theme. */
  public static boolean isDarkByCookieHeader(String header) {
    if (header != null) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && COOKIE.equals(pair.substring(0, equals).trim())) {
          return isDark(pair.substring(equals + 1));
        }
      }
    }
    return isDark(null);
  }

  /** The {@code document.cookie} assignment that remembers {@code dark}. */
  public static String cookieAssignment(boolean dark) {
    return COOKIE
        + "="
        + (dark ? DARK : LIGHT)
        + "; path=/; max-age="
        + MAX_AGE_SECONDS
        + "; SameSite=Lax";
  }
}
