/**
 * {@code login} and {@code logout}: exchanging a username and password for an API token, and saving
 * or forgetting it.
 */
package io.switchboard.cli.auth;
