package nl.salaronline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * SalarOnline SMTP-instellingen: accountants configure their own SMTP server per account and per employer,
 * and payroll mail is routed through the right server. Each top-level package is a Spring Modulith module.
 */
@SpringBootApplication
public class SmtpInstellingenApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmtpInstellingenApplication.class, args);
	}

}
