package nl.salaronline.smtp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import nl.salaronline.smtp.socket.WatchedSocketFactory;
import nl.salaronline.smtp.socket.WriteWatchdog;

/**
 * Gives the default transport ({@code spring.mail.*}, Spring Boot's {@link JavaMailSenderImpl}) the same write timeout
 * as the levels' own connections: {@code mail.smtp.writetimeout} is kept as the timeout, but its writes are watched by
 * a {@link WriteWatchdog} instead of Angus Mail's timer. Angus Mail schedules and cancels a timer task around every
 * write, on a timer thread of each connection's own: 25 to 40 µs of CPU per small mail, about a twentieth of a mail
 * handed over through the API (docs/PERFORMANCE.md).
 * <p>
 * Only for plain {@code smtp} (with or without STARTTLS) and when the operator set no socket factory of their own;
 * SMTPS ({@code mail.smtp.ssl.enable}, or the {@code smtps} protocol) keeps Angus Mail's timeout.
 */
@Component
class DefaultTransportWriteWatch implements BeanPostProcessor, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DefaultTransportWriteWatch.class);

	private static final String WRITE_TIMEOUT = "mail.smtp.writetimeout";

	/** One watchdog (and thread) per timeout; in practice there is one sender, so one. */
	private final Map<Duration, WriteWatchdog> watchdogs = new HashMap<>();

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof JavaMailSenderImpl sender) {
			watch(sender);
		}
		return bean;
	}

	private synchronized void watch(JavaMailSenderImpl sender) {
		Properties properties = sender.getJavaMailProperties();
		String timeout = properties.getProperty(WRITE_TIMEOUT);
		boolean smtp = !StringUtils.hasText(sender.getProtocol()) || "smtp".equals(sender.getProtocol());
		if (!StringUtils.hasText(timeout) || !smtp || properties.get("mail.smtp.socketFactory") != null
				|| properties.get("mail.smtp.socketFactory.class") != null
				|| Boolean.parseBoolean(properties.getProperty("mail.smtp.ssl.enable"))) {
			return;
		}
		Duration writeTimeout;
		try {
			writeTimeout = Duration.ofMillis(Long.parseLong(timeout.trim()));
		}
		catch (NumberFormatException ex) {
			log.warn("spring.mail.properties.{}={} is not a number of milliseconds: left to Angus Mail", WRITE_TIMEOUT,
					timeout);
			return;
		}
		WriteWatchdog watchdog = watchdogs.computeIfAbsent(writeTimeout, WriteWatchdog::new);
		properties.remove(WRITE_TIMEOUT);
		properties.put("mail.smtp.socketFactory", new WatchedSocketFactory(watchdog));
		properties.put("mail.smtp.socketFactory.fallback", "false");
		sender.setJavaMailProperties(properties); // the session is made from them on first use
	}

	@Override
	public synchronized void destroy() {
		watchdogs.values().forEach(WriteWatchdog::close);
	}

}
