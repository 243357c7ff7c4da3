package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailTest;
import nl.salaronline.mail.OAuth2Servers;
import nl.salaronline.testsupport.Browser;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * "Test verbinding" with Microsoft 365 (OAuth2) in a real Chromium: the report with the token step appears without a
 * page reload, the form still shows only the Microsoft fields and keeps the typed client secret for Opslaan. Runs in
 * the mail tests' context, whose token endpoints point at the authorization server on loopback.
 */
@MailTest
class SmtpTestOAuth2BrowserTests {

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
	void accountantTestsMicrosoft365AndSavesWithoutRetypingTheClientSecret() throws Exception {
		LoopbackOAuth2 loopback = OAuth2Servers.get();
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("kantoor-" + TestLevels.unique() + ".onmicrosoft.com",
				Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		TestLevels levels = new TestLevels(accounts, employers, users);
		Account account = levels.account();
		String accountant = levels.accountant(account);
		try (Browser browser = new Browser(port)) {
			WebDriver driver = browser.driver();
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
			browser.login(accountant, TestLevels.PASSWORD);
			browser.open("/gebruiker/smtp-instellingen/bewerken");
			wait.until(ExpectedConditions.elementToBeClickable(By.id("host")));
			driver.findElement(By.id("enabled")).click();
			driver.findElement(By.id("host")).sendKeys("127.0.0.1");
			new Select(driver.findElement(By.id("security"))).selectByVisibleText("Geen");
			driver.findElement(By.id("plainTextSignIn")).click();
			driver.findElement(By.id("port")).clear();
			driver.findElement(By.id("port")).sendKeys(String.valueOf(loopback.smtp.port()));
			driver.findElement(By.id("username")).sendKeys(mailbox);
			new Select(driver.findElement(By.id("authMethod"))).selectByVisibleText("Microsoft 365 (OAuth2)");
			driver.findElement(By.id("tenantId")).sendKeys(app.tenantId());
			driver.findElement(By.id("clientId")).sendKeys(app.clientId());
			driver.findElement(By.id("clientSecret")).sendKeys(app.clientSecret());
			((JavascriptExecutor) driver).executeScript("window.samePage = true;");

			driver.findElement(By.id("smtp-test-connection")).click();

			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("smtp-probe-summary")));
			assertThat(driver.findElement(By.id("smtp-probe-summary")).getText()).contains("De verbinding werkt");
			assertThat(driver.findElement(By.id("smtp-step-TOKEN")).getText()).contains("Token ophalen (OAuth2)",
					"Gelukt");
			assertThat(driver.findElement(By.id("smtp-step-AUTH")).getText()).contains("Gelukt", "XOAUTH2");
			assertThat(((JavascriptExecutor) driver).executeScript("return window.samePage === true;"))
				.as("no page reload").isEqualTo(true);
			assertThat(driver.findElement(By.id("clientSecret")).isDisplayed()).isTrue();
			assertThat(driver.findElement(By.id("clientSecret")).getDomProperty("value")).isEqualTo(app.clientSecret());
			assertThat(driver.findElement(By.id("password")).isDisplayed()).as("only the chosen method's fields")
				.isFalse();
			assertThat(driver.findElements(By.id("smtp-probe-retype"))).isEmpty();

			driver.findElement(By.id("smtp-save")).click();

			assertThat(browser.text()).contains("De SMTP-instellingen zijn opgeslagen.");
			assertThat(settings.findByAccountId(account.getId()).orElseThrow().hasClientSecret()).isTrue();
		}
	}

}
