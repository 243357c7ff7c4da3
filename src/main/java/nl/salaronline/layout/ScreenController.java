package nl.salaronline.layout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller of screens: a {@link Controller} whose pages are drawn in the layout ({@code fragments/layout.html}),
 * so that the {@link LayoutAdvice}s fill in what the layout shows around each page. Every {@code @Controller} of the
 * application that renders pages is one ({@code LayoutAdviceTests}); the API's {@code @RestController}s are not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ScreenController {

	@AliasFor(annotation = Controller.class)
	String value() default "";

}
