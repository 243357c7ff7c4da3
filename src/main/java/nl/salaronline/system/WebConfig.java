package nl.salaronline.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The screens are Dutch whatever the browser asks for (the texts are a contract); {@code ?lang=en} switches a
 * session to English.
 * <p>
 * Static files are served from {@code /css/**}, {@code /js/**}, {@code /webjars/**} and {@code /favicon.ico} only (Boot's own mappings are
 * off: {@code spring.web.resources.add-mappings=false}). Boot would map {@code /**} to the static folders, and then
 * Thymeleaf's link rewriting (which adds the webjar version to {@code /webjars/bootstrap/...}) tried every page link
 * such as {@code /gebruiker} as a static file: a miss it does not cache, searched in every jar of the packaged app on
 * every render. That cost more CPU than the rest of the settings screen together.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Bean
	LocaleResolver localeResolver() {
		SessionLocaleResolver resolver = new SessionLocaleResolver();
		resolver.setDefaultLocale(DUTCH);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		registry.addInterceptor(interceptor);
	}

	/** After Spring's own resolvers, so only what none of them handled is an unexpected error. */
	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.add(new UnexpectedErrors());
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// each with a resource chain, so that resolved links are cached
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
		// browsers ask for it on every page: without it, each page load logged a missing resource twice
		registry.addResourceHandler("/favicon.ico")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)))
			.resourceChain(true);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}

}
