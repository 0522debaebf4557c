/**
 * The audit log: every mutating request of the API and the console ({@link
 * io.switchboard.controlplane.audit.Audited} methods, and requests the API's URL rules deny),
 * recorded with who, when, what, the parameters and the outcome; listed and exported as CSV by
 * {@code /api/v1/audit}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.switchboard.controlplane.audit;
