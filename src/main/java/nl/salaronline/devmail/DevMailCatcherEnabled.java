package nl.salaronline.devmail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;

/**
 * The catcher's beans exist only outside the prod profile and with {@code salaronline.dev-mail-catcher.enabled}
 * (true in application.properties, false under prod and in the tests, which point the default transport at their own
 * servers). Both, so that no setting can turn it on in production.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Profile("!prod")
@ConditionalOnBooleanProperty(name = "salaronline.dev-mail-catcher.enabled")
@interface DevMailCatcherEnabled {
}
