package io.switchboard.controlplane.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose every call is recorded in the audit log (who, when, the action, its
 * parameters, and how it ended: succeeded, failed with the exception's message, or denied). Put it
 * on the mutating methods of the API's controllers, which the console calls in process too, so both
 * paths are audited alike. Parameters named like secrets (authorization, password, token, secret)
 * are left out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

  /** The action's name, {@code area.verb}, e.g. {@code operation.create}. */
  String value();
}
