package dev.atenea.web;

import java.util.List;
import java.util.UUID;

import dev.atenea.support.Browser;
import dev.atenea.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in a real, headless Chromium: what a new user and an operator do, with no
 * page reload where the page should update by itself. Each page is saved as a screenshot
 * under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT extends IntegrationTestBase {

	private static final String PASSWORD = "correct horse battery";

	/** A prompt and title that would inject elements and run script if put in as HTML. */
	private static final String HOSTILE_PROMPT = "a lighthouse <b id=\"injected\">at dusk</b>"
			+ "<img id=\"injected-img\" src=\"x\" onerror=\"window.pwned=1\">";

	private static final String HOSTILE_TITLE = "<script>window.pwned=2</script>Beacon";

	private Browser browser;

	@BeforeAll
	void startBrowser() {
		assumeTrue(Browser.isInstalled(), "chromium and chromedriver are not installed");
		this.browser = new Browser(baseUrl());
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aNewUserCreatesAnImageAndFollowsItLiveWithoutReloading() {
		String username = newAccount(false);
		this.browser.logIn(username, PASSWORD);
		this.browser.find("#images textarea").sendKeys(HOSTILE_PROMPT);
		this.browser.find("#images input[name=title]").sendKeys(HOSTILE_TITLE);
		this.browser.script("window.sameDocument = true;");
		this.browser.screenshot("01-dashboard");

		this.browser.find("#images form.create button[type=submit]").click();
		WebElement card = this.browser.find("#images li.item");
		assertThat(card.findElement(By.cssSelector("a.title")).getText()).isEqualTo(HOSTILE_TITLE);
		card.findElement(By.cssSelector("form.generate button")).click();

		WebElement toast = this.browser.find("#toasts .toast.generation_completed");
		assertThat(toast.getText()).contains("is ready");
		this.browser.waitUntil((d) -> "1".equals(badge().getText()));
		this.browser.waitUntil((d) -> imageWidth("#images li.item .media img") > 0);
		assertThat(this.browser.script("return window.sameDocument === true")).isEqualTo(true);
		assertNothingInjected();
		this.browser.screenshot("02-dashboard-after-generate");

		card = this.browser.find("#images li.item");
		String itemUrl = card.findElement(By.cssSelector("a.title")).getAttribute("href");
		this.browser.driver().get(itemUrl);
		this.browser.waitUntil((d) -> imageWidth(".item-page .media img") > 0);
		assertThat(this.browser.find(".details dd.prompt").getText()).isEqualTo(HOSTILE_PROMPT);
		assertThat(this.browser.find("h1.title").getText()).isEqualTo(HOSTILE_TITLE);
		assertThat(this.browser.find(".history table tbody").getText()).contains("1 of 4").contains("completed");
		assertNothingInjected();
		this.browser.screenshot("03-item");

		this.browser.script("window.sameDocument = true;");
		this.browser.find("#bell").click();
		WebElement entry = this.browser.find("#notification-list li.unread");
		assertThat(entry.getText()).contains("is ready");
		this.browser.screenshot("04-notifications");
		entry.findElement(By.xpath(".//button[text()='Mark read']")).click();
		this.browser.waitUntil((d) -> !badge().isDisplayed());
		assertThat(badge().getAttribute("textContent")).isEqualTo("0");
		assertThat(this.browser.script("return window.sameDocument === true")).isEqualTo(true);

		this.browser.open("/queues/");
		this.browser.waitUntil((d) -> this.browser.find("#task-table tbody").getText().contains("completed"));
		assertThat(this.browser.find("#queue-table tbody").getText()).contains("image_generation");
		assertThat(this.browser.find("#throughput-total").getText()).isEqualTo("(1)");
		this.browser.screenshot("05-queues-user");

		this.browser.open("/admin/");
		this.browser.screenshot("06-admin-forbidden");
		assertThat(this.browser.find("h1").getText()).isEqualTo("403");
		this.browser.open("/");
		logOut();
	}

	@Test
	void theCreationFormShowsWhatIsWrongBesideTheField() {
		this.browser.logIn(newAccount(false), PASSWORD);
		WebElement width = this.browser.find("#images input[name=width]");
		width.clear();
		width.sendKeys("4000");
		this.browser.find("#images textarea").sendKeys("too wide");

		this.browser.find("#images form.create button[type=submit]").click();

		WebElement error = this.browser.find("#images-width-error");
		this.browser.waitUntil((d) -> !error.getText().isEmpty());
		assertThat(width.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.browser.driver().switchTo().activeElement()).isEqualTo(width);
		this.browser.screenshot("07-form-validation");
		logOut();
	}

	@Test
	void staffSeeEveryTaskAndCanRetryAFailedOneFromTheAdmin() {
		String owner = newAccount(false);
		this.browser.logIn(owner, PASSWORD);
		this.browser.find("#images textarea").sendKeys("reject");
		this.browser.script("document.querySelector('#images select[name=provider]').value = 'scripted';"
				+ "document.querySelector('#images select[name=provider]')"
				+ ".dispatchEvent(new Event('change', {bubbles: true}));");
		this.browser.waitUntil((d) -> "script-1"
			.equals(this.browser.script("return document.querySelector('#images select[name=model]').value")));
		this.browser.find("#images form.create button[type=submit]").click();
		this.browser.find("#images li.item form.generate button").click();
		this.browser.find("#toasts .toast.generation_failed");
		logOut();

		this.browser.logIn(newAccount(true), PASSWORD);
		this.browser.open("/admin/tasks?status=failed&user=" + owner);
		WebElement link = this.browser.find("table.data tbody a");
		this.browser.screenshot("08-admin-tasks");
		link.click();
		this.browser.find("form[action$='/retry'] button").click();

		assertThat(this.browser.find(".flash-area .notice").getText()).startsWith("Queued new task");
		this.browser.screenshot("09-admin-task-retried");
		this.browser.open("/admin/tasks?user=" + owner);
		this.browser.waitUntil((d) -> d.findElements(By.cssSelector("table.data tbody tr")).size() == 2);
		this.browser.open("/admin/audit");
		assertThat(this.browser.find("table.data tbody").getText()).contains("retry");
		this.browser.screenshot("10-admin-audit");

		this.browser.open("/admin/notifications?user=" + owner);
		this.browser.find("table.data tbody input[type=checkbox]").click();
		this.browser.screenshot("11-admin-notifications");
		this.browser.find("form[action$='/admin/notifications/delete'] button.danger").click();
		assertThat(this.browser.find(".flash-area .notice").getText()).isEqualTo("Deleted 1 notification.");

		this.browser.open("/queues/");
		this.browser.waitUntil((d) -> this.browser.find("#worker-table tbody").getText().contains("image_generation"));
		assertThat(this.browser.find("#task-table tbody").getText()).contains(owner);
		this.browser.screenshot("12-queues-staff");
		logOut();
	}

	private String newAccount(boolean staff) {
		String username = (staff ? "staff-" : "user-") + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(username, PASSWORD, staff);
		return username;
	}

	private WebElement badge() {
		return this.browser.driver().findElement(By.id("unread-badge"));
	}

	private long imageWidth(String css) {
		Object width = this.browser.script("const img = document.querySelector(arguments[0]);"
				+ " return (img && img.complete) ? img.naturalWidth : 0;", css);
		return ((Number) width).longValue();
	}

	private void assertNothingInjected() {
		List<WebElement> injected = this.browser.driver()
			.findElements(By.cssSelector("#injected, #injected-img, main script"));
		assertThat(injected).isEmpty();
		assertThat(this.browser.script("return window.pwned === undefined")).isEqualTo(true);
	}

	private void logOut() {
		this.browser.find("form[action='/logout'] button").click();
		this.browser.waitUntil((d) -> d.getCurrentUrl().contains("/login"));
	}

}
