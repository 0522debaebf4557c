/**
 * The {@code audit} command: the control plane's audit log ({@code /api/v1/audit}), newest first
 * and filtered by actor and action, or exported whole as CSV to a file.
 */
package io.switchboard.cli.audit;
