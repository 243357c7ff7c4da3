package nl.salaronline.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.ControllerAdviceBean;

/**
 * The layout's advices fill in the menus, the part and the chosen employer for every page, the error page included,
 * and are not run for the API's requests (where they only cost time). A page controller without the marker would
 * draw its pages without menus: the first test names it.
 */
@SpringBootTest
class LayoutAdviceTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void everyControllerOfTheApplicationThatDrawsPagesIsAScreenController() {
		List<Class<?>> pages = controllers(type -> !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class));
		assertThat(pages).as("the application's page controllers").hasSizeGreaterThanOrEqualTo(10);
		assertThat(pages).allSatisfy(type -> assertThat(AnnotatedElementUtils.hasAnnotation(type, ScreenController.class))
			.as(type.getName() + " draws pages in the layout but is no @ScreenController")
			.isTrue());
	}

	@Test
	void theLayoutsAdvicesServeEveryPageAndTheErrorPageButNotTheApi() {
		List<ControllerAdviceBean> layout = ControllerAdviceBean.findAnnotatedBeans(context)
			.stream()
			.filter(advice -> !MethodIntrospector
				.selectMethods(advice.getBeanType(),
						(java.lang.reflect.Method method) -> AnnotatedElementUtils.hasAnnotation(method, ModelAttribute.class))
				.isEmpty())
			.toList();
		assertThat(layout).extracting(advice -> advice.getBeanType().getSimpleName())
			.contains("SignedInMenus", "CurrentPart", "ChosenEmployerAdvice"); // and PostvakMenu while the catcher runs
		List<Class<?>> pages = controllers(type -> AnnotatedElementUtils.hasAnnotation(type, ScreenController.class));
		List<Class<?>> api = controllers(type -> AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class));
		assertThat(api).extracting(Class::getSimpleName).contains("MailApiController", "MailBatchApiController",
				"MailQueryController");
		for (ControllerAdviceBean advice : layout) {
			String name = advice.getBeanType().getSimpleName();
			assertThat(pages).as(name).allMatch(advice::isApplicableToBeanType);
			assertThat(advice.isApplicableToBeanType(BasicErrorController.class)).as(name + " on the error page").isTrue();
			assertThat(api).as(name + " on the API").noneMatch(advice::isApplicableToBeanType);
		}
	}

	/** The application's own controllers (not Boot's or springdoc's), by their class. */
	private List<Class<?>> controllers(Predicate<Class<?>> which) {
		return context.getBeansWithAnnotation(Controller.class)
			.values()
			.stream()
			.<Class<?>>map(bean -> ClassUtils.getUserClass(bean))
			.filter(type -> type.getName().startsWith("nl.salaronline."))
			.filter(which)
			.toList();
	}

}
