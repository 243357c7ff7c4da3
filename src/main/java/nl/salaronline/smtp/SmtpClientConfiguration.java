package nl.salaronline.smtp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.salaronline.smtp.socket.ServerTrust;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmtpClientProperties.class)
class SmtpClientConfiguration {

	/** The JVM's certificate authorities; a level adds at most its one pinned certificate. */
	@Bean
	ServerTrust smtpServerTrust() {
		return ServerTrust.platformDefaults();
	}

}
