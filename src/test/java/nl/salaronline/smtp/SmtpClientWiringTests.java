package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The SMTP client as the application wires it, with the defaults of SPEC sections 5 and 6. */
@SpringBootTest
class SmtpClientWiringTests {

	@Autowired
	SmtpClientProperties properties;

	@Autowired
	SmtpProbe probe;

	@Autowired
	SmtpConnections connections;

	@Autowired
	SmtpProbeLimiter limiter;

	@Test
	void everySmtpConversationHasTenSecondTimeoutsByDefault() {
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(connections.session(SmtpProbeTests.level("smtp.example.nl", 587, SmtpSecurity.STARTTLS))
			.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
	}

	@Test
	void aProbeEndsWithinFifteenSecondsByDefault() {
		assertThat(properties.probeDeadline()).isLessThanOrEqualTo(Duration.ofSeconds(15));
		assertThat(((StagedSmtpProbe) probe).deadline()).isEqualTo(properties.probeDeadline());
	}

	@Test
	void aUserMayProbeTenTimesAMinute() {
		assertThat(limiter.perMinute()).isEqualTo(10);
	}

}
