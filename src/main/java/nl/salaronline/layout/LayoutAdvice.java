package nl.salaronline.layout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * An advice that puts into the model what the layout shows around every page (who is signed in, the part of the app,
 * the chosen employer, the Postvak menu), for the {@link ScreenController}s and the error page only.
 * <p>
 * A plain {@code @ControllerAdvice} applies to every controller, the API's too: Spring MVC then builds a handler
 * method for each of the advices' model methods and runs them on every API request, for a model nobody renders
 * (about a tenth of a request thread's samples of {@code POST /api/v1/mails} in the jar's profile,
 * docs/PERFORMANCE.md). Spring's advices can only be narrowed by what they include, so the screens carry a marker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ControllerAdvice(annotations = ScreenController.class, assignableTypes = ErrorController.class)
public @interface LayoutAdvice {

}
