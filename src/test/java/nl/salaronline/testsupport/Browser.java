package nl.salaronline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through the system chromedriver (never a downloaded one), with a fresh profile.
 * Call {@link RequiredEnvironment#requireChromium()} first.
 */
public final class Browser implements AutoCloseable {

	private final WebDriver driver;

	private final Path profile;

	private final String baseUrl;

	public Browser(int port) {
		RequiredEnvironment.requireChromium();
		try {
			this.profile = Files.createTempDirectory("chromium-profile");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(RequiredEnvironment.CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1000", "--lang=nl", "--user-data-dir=" + profile,
				// Bootstrap scrolls smoothly unless motion is reduced: a click then lands where the button was
				"--force-prefers-reduced-motion");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(RequiredEnvironment.CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		this.baseUrl = "http://localhost:" + port;
	}

	public WebDriver driver() {
		return driver;
	}

	public void open(String path) {
		driver.get(baseUrl + path);
	}

	public void login(String username, String password) {
		open("/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		// wait until the answer (the next page, or the login page with its error) has replaced the form, so the
		// caller never reads or navigates from a page that is still the login form
		clickAndWaitForNextPage(By.id("login-submit"));
	}

	public void clickLink(String visibleText) {
		clickAndWaitForNextPage(By.linkText(visibleText));
	}

	/**
	 * Clicks a link or submit button and waits until the browser has left the current page, so that what a test
	 * reads next comes from the new page (and never from a page that is being replaced while it is read).
	 */
	public void clickAndWaitForNextPage(By element) {
		WebElement current = driver.findElement(By.tagName("html"));
		driver.findElement(element).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(ignored -> isGone(current));
	}

	/**
	 * Whether the element's page has been replaced. Chromium answers for an element of a page being torn down either
	 * "stale element" or, while the new document is being attached, "Node with given id does not belong to the
	 * document": both mean the old page is gone.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * The visible text of the page. Right after a click that navigates, the old page may still be there for a moment:
	 * a body that went stale while reading is read again from the new page.
	 */
	public String text() {
		for (int attempt = 1;; attempt++) {
			try {
				return driver.findElement(By.tagName("body")).getText();
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	public void screenshot(Path target) {
		try {
			Files.createDirectories(target.getParent());
			Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}

}
