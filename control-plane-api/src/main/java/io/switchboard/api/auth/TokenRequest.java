package io.switchboard.api.auth;

/**
 * Asks for a new API token for the user authenticated by HTTP Basic credentials.
 *
 * @param label free text to recognise the token by later (for example {@code cli@laptop})
 */
public record TokenRequest(String label) {}
