package io.switchboard.controlplane.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.security.access.AccessDeniedException;

/**
 * Records every call of an {@link Audited} method once it ended: SUCCEEDED with the id of what it
 * produced (if any), DENIED when method security refused it, FAILED with the exception's message
 * otherwise. The audit write never changes the call's outcome: a failure to record is reported by
 * the exception from the database, after the call's own result is known.
 */
final class AuditInterceptor implements MethodInterceptor {

  private static final Pattern SECRET =
      Pattern.compile(".*(authorization|password|secret|token).*");

  private final AuditLog log;

  AuditInterceptor(AuditLog log) {
    this.log = log;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Method method =
        invocation.getThis() == null
            ? invocation.getMethod()
            : AopUtils.getMostSpecificMethod(
                invocation.getMethod(), invocation.getThis().getClass());
    Audited audited = AnnotationUtils.findAnnotation(method, Audited.class);
    String parameters = parameters(method, invocation.getArguments());
    Object result;
    try {
      result = invocation.proceed();
    } catch (AccessDeniedException e) {
      log.record(audited.value(), parameters, AuditOutcome.DENIED, e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      log.record(audited.value(), parameters, AuditOutcome.FAILED, e.getMessage());
      throw e;
    }
    log.record(audited.value(), parameters, AuditOutcome.SUCCEEDED, describe(result));
    return result;
  }

  /** {@code name=value} pairs of the arguments, secrets left out. */
  static String parameters(Method method, Object[] arguments) {
    StringJoiner joined = new StringJoiner(", ");
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      String name = parameters[i].getName();
      if (SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
        continue;
      }
      joined.add(name + "=" + arguments[i]);
    }
    return joined.toString();
  }

  /**
   * What the call produced, as far as it is safe to record: the {@code id} of a record result (e.g.
   * the operation created), nothing else (results may carry secrets, like an issued token).
   */
  static String describe(Object result) {
    if (result == null || !result.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent component : result.getClass().getRecordComponents()) {
      if (component.getName().equals("id")) {
        try {
          return "id=" + component.getAccessor().invoke(result);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }
}
