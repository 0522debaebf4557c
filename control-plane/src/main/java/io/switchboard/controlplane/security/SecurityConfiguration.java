package io.switchboard.controlplane.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.switchboard.console.login.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Four filter chains, most specific first:
 *
 * <ol>
 *   <li>{@code POST /api/v1/tokens}: HTTP Basic only; issues a token to the authenticated user.
 *   <li>{@code /api/**} and {@code /actuator/**}: bearer tokens only, stateless, no session, no
 *       CSRF (no cookies are honoured). Health is open; reads need VIEWER, writes OPERATOR; method
 *       security refines per endpoint.
 *   <li>{@code /v3/api-docs} and Swagger UI: bearer token or an existing console session.
 *   <li>Everything else is the Vaadin console: form login at {@code /login}, session cookies, CSRF
 *       as Vaadin configures it.
 * </ol>
 *
 * Roles form the hierarchy ADMIN &gt; OPERATOR &gt; VIEWER for URL rules and method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name())
        .implies(Role.OPERATOR.name())
        .role(Role.OPERATOR.name())
        .implies(Role.VIEWER.name())
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain tokenIssuing(HttpSecurity http, ProblemResponses problems) throws Exception {
    return http.securityMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/tokens"))
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(problems.authenticationEntryPoint()))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems.authenticationEntryPoint()))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(
      HttpSecurity http,
      ApiTokenService tokens,
      ProblemResponses problems,
      SecurityContextHolderStrategy securityContexts)
      throws Exception {
    return http.securityMatcher("/api/**", "/actuator/**")
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    // The gateway endpoint directory: what messaging clients connect by.
                    .requestMatchers(HttpMethod.GET, "/api/v1/gateways")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**")
                    .hasRole(Role.VIEWER.name())
                    .anyRequest()
                    .hasRole(Role.OPERATOR.name()))
        .addFilterBefore(
            new BearerTokenAuthenticationFilter(tokens, problems, securityContexts),
            BasicAuthenticationFilter.class)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.requireExplicitSave(true))
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(problems.authenticationEntryPoint())
                    .accessDeniedHandler(problems.accessDeniedHandler()))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain apiDocs(
      HttpSecurity http,
      ApiTokenService tokens,
      ProblemResponses problems,
      SecurityContextHolderStrategy securityContexts)
      throws Exception {
    return http.securityMatcher(
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .addFilterBefore(
            new BearerTokenAuthenticationFilter(tokens, problems, securityContexts),
            BasicAuthenticationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems.authenticationEntryPoint()))
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
        .build();
  }
}
