package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.Browser;

/**
 * "Test verbinding" and "Verstuur testmail" in a real Chromium against GreenMail on loopback: with JavaScript the
 * report appears without a page reload, so the typed password is still there to save.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SmtpTestBrowserTests {

	static final String MAILBOX = "smtp@kantoor-browser.nl";

	static final String SMTP_PASSWORD = "Browser-Test-2026";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTP }))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, SMTP_PASSWORD));

	@LocalServerPort
	private int port;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	@Test
	void accountantTestsTheConnectionSendsATestMailAndSavesWithoutRetypingThePassword() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		Account account = levels.account();
		String accountant = levels.accountant(account);
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
			browser.login(accountant, TestLevels.PASSWORD);
			wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
			browser.open("/gebruiker/smtp-instellingen");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("smtp-route")));
			browser.clickLink("Aanpassen");
			wait.until(ExpectedConditions.elementToBeClickable(By.id("host")));
			driver.findElement(By.id("enabled")).click();
			driver.findElement(By.id("host")).sendKeys("127.0.0.1");
			new Select(driver.findElement(By.id("security"))).selectByVisibleText("Geen");
			driver.findElement(By.id("plainTextSignIn")).click();
			driver.findElement(By.id("port")).clear();
			driver.findElement(By.id("port")).sendKeys(String.valueOf(greenMail.getSmtp().getPort()));
			driver.findElement(By.id("username")).sendKeys(MAILBOX);
			driver.findElement(By.id("password")).sendKeys(SMTP_PASSWORD);
			((JavascriptExecutor) driver).executeScript("window.samePage = true;");

			driver.findElement(By.id("smtp-test-connection")).click();

			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("smtp-probe-summary")));
			assertThat(driver.findElement(By.id("smtp-probe-summary")).getText())
				.contains("De verbinding werkt", account.getEmail());
			assertThat(driver.findElement(By.id("smtp-step-AUTH")).getText()).contains("Aanmelden", "Gelukt", "235");
			assertThat(driver.findElement(By.id("smtp-step-MAIL_FROM")).getText()).contains("Gelukt", "250");
			assertThat(((JavascriptExecutor) driver).executeScript("return window.samePage === true;"))
				.as("no page reload").isEqualTo(true);
			assertThat(driver.findElement(By.id("password")).getDomProperty("value")).isEqualTo(SMTP_PASSWORD);
			assertThat(greenMail.getReceivedMessages()).as("a probe sends nothing").isEmpty();

			driver.findElement(By.id("testRecipient")).sendKeys("boekhouding@example.nl");
			driver.findElement(By.id("smtp-test-mail")).click();

			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-probe-summary"),
					"De testmail is verstuurd naar boekhouding@example.nl"));
			assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
			MimeMessage received = greenMail.getReceivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("Testmail van SalarOnline");

			driver.findElement(By.id("smtp-save")).click();

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.",
					"E-mails aan werkgevers worden verstuurd vanaf " + account.getEmail() + " via 127.0.0.1.");
			assertThat(settings.findByAccountId(account.getId()).orElseThrow().hasPassword()).isTrue();
		}
	}

}
