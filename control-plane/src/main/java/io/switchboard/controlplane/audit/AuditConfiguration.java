package io.switchboard.controlplane.audit;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * Applies {@link AuditInterceptor} to {@link Audited} methods, outside method security (a lower
 * order runs first), so that calls method security denies are recorded as DENIED.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  /** Before method security's interceptors (orders 100 and up). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor auditAdvisor(@Lazy AuditLog log) {
    DefaultPointcutAdvisor advisor =
        new DefaultPointcutAdvisor(
            AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
            new AuditInterceptor(log));
    advisor.setOrder(ORDER);
    return advisor;
  }
}
