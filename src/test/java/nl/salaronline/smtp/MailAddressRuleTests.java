package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.salaronline.smtp.MailAddressRule.Refusal;

/** The one address rule (issue 16); the forms, the API, the probe and the sender are tested with it elsewhere. */
class MailAddressRuleTests {

	@ParameterizedTest
	@ValueSource(strings = { "salaris@korenbloem.nl", "a@b.nl", "jan.de.vries@kantoor.nl", "info+loon@kantoor.nl",
			"o'brien@kantoor.ie", "x_y-z@sub.domein.nl", "1234@123.nl", "a!#$%&'*+/=?^_`{|}~-b@kantoor.nl",
			"info@xn--bckerei-9wa.nl" })
	void plainAddressesAreAccepted(String address) {
		assertThat(MailAddressRule.refusalOf(address)).as(address).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"a b\"@korenbloem.nl", "\"a@b\"@korenbloem.nl", "\"\"@korenbloem.nl", "a b@kantoor.nl",
			"a@[193.0.6.139]", "a@[IPv6:2001:db8::1]", "Jan <jan@kantoor.nl>", "a@kantoor.nl, b@kantoor.nl",
			".a@kantoor.nl", "a.@kantoor.nl", "a..b@kantoor.nl", "a@kantoor", "a@-kantoor.nl", "a@kantoor-.nl",
			"a@kantoor..nl", "a@.kantoor.nl", "a@kantoor.nl.", "@kantoor.nl", "a@", "a", "", "a@kantoor.nl\r\n",
			"a@kantoor.nl\n", "a\u0000@kantoor.nl", "a\u2028@kantoor.nl", "a\u202e@kantoor.nl", "a\u200b@kantoor.nl",
			"a\u00a0@kantoor.nl", "a(commentaar)@kantoor.nl", "a\\b@kantoor.nl", "a@kan_toor.nl" })
	void anythingElseIsInvalid(String address) {
		assertThat(MailAddressRule.refusalOf(address)).as(address).contains(Refusal.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "zoë@kantoor.nl", "info@bäckerei.nl", "用户@例子.广告", "jörg@kantoor.nl" })
	void nonAsciiLettersAreRefusedWithTheirOwnReason(String address) {
		assertThat(MailAddressRule.refusalOf(address)).as(address).contains(Refusal.NOT_ASCII);
	}

	@Test
	void theLocalPartHasAtMost64AndTheAddressAtMost254Characters() {
		assertThat(MailAddressRule.refusalOf("a".repeat(64) + "@kantoor.nl")).isEmpty();
		assertThat(MailAddressRule.refusalOf("a".repeat(65) + "@kantoor.nl")).contains(Refusal.INVALID);
		String domain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + ".nl"; // 194 characters
		assertThat(MailAddressRule.refusalOf("a".repeat(59) + "@" + domain)).as("254 characters").isEmpty();
		assertThat(MailAddressRule.refusalOf("a".repeat(60) + "@" + domain)).contains(Refusal.TOO_LONG);
		assertThat(MailAddressRule.refusalOf("a".repeat(250) + "@kantoor.nl")).contains(Refusal.TOO_LONG);
		assertThat(MailAddressRule.refusalOf(null)).contains(Refusal.INVALID);
	}

	@Test
	void invisibleFormatCharactersButTheJoinersAreNotVisibleText() {
		assertThat(VisibleText.isVisibleLine("loon\u202efdp.exe")).isFalse();
		assertThat(VisibleText.isVisibleLine("loon\u2067.pdf")).isFalse();
		assertThat(VisibleText.isVisibleLine("loon\ufeff.pdf")).isFalse();
		assertThat(VisibleText.isVisibleLine("loon\u00ad.pdf")).isFalse();
		assertThat(VisibleText.isVisibleLine("loon\udb40\udc01.pdf")).as("language tag U+E0001").isFalse();
		assertThat(VisibleText.isVisibleLine("Loon\nBcc: x")).isFalse();
		assertThat(VisibleText.isVisibleLine("Loonstrook 👨\u200d👩\u200d👧 می\u200cخواهم")).isTrue();
		assertThat(VisibleText.isVisibleLine("Loonstrook jänuari — Zoë")).isTrue();
	}

}
