package nl.salaronline.testsupport;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Lets MockMvc tests keep passing a {@code MockHttpSession} from request to request while the sessions really live in
 * Spring Session JDBC: the session id that the application would put in its cookie is also noted in the MockMvc
 * request's own session, and read from there. Everything else is the application's: the session and its attributes
 * are stored in (and serialized to) the database, so every MockMvc test also proves its session attributes survive
 * another instance. Requests that are not MockMvc's (a real server, a browser) use the cookie only, as in production.
 * Registered for every test context in {@code META-INF/spring.factories}.
 */
public final class MockMvcSessions implements ContextCustomizerFactory {

	/** The id of the application's session (a row in {@code spring_session}) that MockMvc requests with it use. */
	public static String sessionId(HttpSession mockSession) {
		return (String) mockSession.getAttribute(SessionIds.ATTRIBUTE);
	}

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			beans.addBeanPostProcessor(new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof SessionRepositoryFilter<?> filter) {
						CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();
						cookies.setCookieSerializer(beans.getBean(CookieSerializer.class));
						filter.setHttpSessionIdResolver(new SessionIds(cookies));
					}
					return bean;
				}
			});
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

	/** The cookie, and for MockMvc requests first the id noted in the request's {@code MockHttpSession}. */
	private record SessionIds(HttpSessionIdResolver cookies) implements HttpSessionIdResolver {

		private static final String ATTRIBUTE = MockMvcSessions.class.getName() + ".id";

		@Override
		public List<String> resolveSessionIds(HttpServletRequest request) {
			MockHttpServletRequest mock = mock(request);
			HttpSession noted = mock == null ? null : mock.getSession(false);
			Object id = noted == null ? null : noted.getAttribute(ATTRIBUTE);
			return id != null ? List.of((String) id) : cookies.resolveSessionIds(request);
		}

		@Override
		public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
			MockHttpServletRequest mock = mock(request);
			if (mock != null) {
				mock.getSession(true).setAttribute(ATTRIBUTE, sessionId);
			}
			cookies.setSessionId(request, response, sessionId);
		}

		@Override
		public void expireSession(HttpServletRequest request, HttpServletResponse response) {
			MockHttpServletRequest mock = mock(request);
			HttpSession noted = mock == null ? null : mock.getSession(false);
			if (noted != null) {
				noted.removeAttribute(ATTRIBUTE);
			}
			cookies.expireSession(request, response);
		}

		private static MockHttpServletRequest mock(HttpServletRequest request) {
			HttpServletRequest current = request;
			while (current instanceof HttpServletRequestWrapper wrapper) {
				current = (HttpServletRequest) wrapper.getRequest();
			}
			return current instanceof MockHttpServletRequest mock ? mock : null;
		}

	}

}
