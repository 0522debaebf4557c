package io.switchboard.console.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThemePreferenceTest {

  @Test
  void darkUnlessTheBrowserRememberedLight() {
    assertThat(ThemePreference.isDarkByCookieHeader(null)).isTrue();
    assertThat(ThemePreference.isDarkByCookieHeader("JSESSIONID=abc")).isTrue();
    assertThat(ThemePreference.isDarkByCookieHeader("JSESSIONID=abc; switchboard-theme=light"))
        .isFalse();
    assertThat(ThemePreference.isDarkByCookieHeader("switchboard-theme=dark; x=light")).isTrue();
    assertThat(ThemePreference.isDarkByCookieHeader("other-switchboard-theme=light")).isTrue();
  }

  @Test
  void theCookieIsForTheWholeSiteForAYear() {
    assertThat(ThemePreference.cookieAssignment(false))
        .isEqualTo("switchboard-theme=light; path=/; max-age=31536000; SameSite=Lax");
    assertThat(ThemePreference.isDarkByCookieHeader(ThemePreference.cookieAssignment(true)))
        .isTrue();
  }
}
