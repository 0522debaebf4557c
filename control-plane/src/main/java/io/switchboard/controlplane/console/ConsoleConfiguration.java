package io.switchboard.controlplane.console;

import com.vaadin.flow.spring.annotation.EnableVaadin;
import org.springframework.context.annotation.Configuration;

/**
 * Vaadin discovers routes, layouts and the app shell only in the packages named here; the console
 * lives outside the application's own package.
 */
@Configuration(proxyBeanMethods = false)
@EnableVaadin("io.switchboard.console")
class ConsoleConfiguration {}
