package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jasypt.encryption.StringEncryptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;

/** A payroll module hands over its whole run at once ({@link MailService#sendAll}). */
@MailTest
class PayrollRunTests {

	private static final Duration DELIVERY = Duration.ofSeconds(60);

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	private Employer bakery;

	private GreenMail bakeryServer;

	@BeforeEach
	void employerWithOwnSmtp() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Telder");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		bakeryServer = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "bakker-geheim");
		new OwnSmtpLevels(jdbc, encryptor).use(bakery, TestSmtpServers.port(bakeryServer), SmtpSecurity.NONE,
				"smtp@korenbloem.nl", "bakker-geheim", null);
	}

	@AfterEach
	void stopServer() {
		bakeryServer.stop();
	}

	@Test
	void everyMailOfARunArrivesOnceInTheOrderHandedOverWithItsOwnPayslip() throws Exception {
		// a few payslips of 3 MB among small ones and mails without attachment: read ahead in several parts
		int count = 130;
		List<OutgoingMail> run = new ArrayList<>();
		List<byte[]> payslips = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] payslip = i % 10 == 3 ? null : pdf(i, i % 20 == 7 ? 3 * 1024 * 1024 : 2_000 + i);
			payslips.add(payslip);
			OutgoingMail mail = OutgoingMail.toEmployee(bakery.getCode(), "werknemer-" + i + "@korenbloem.nl",
					"Loonstrook " + i, "Beste medewerker " + i);
			run.add(payslip == null ? mail
					: mail.withAttachment(new MailAttachment("loonstrook-" + i + ".pdf", "application/pdf", payslip)));
		}

		List<MailId> ids = mailService.sendAll(run);

		assertThat(ids).hasSize(count).doesNotHaveDuplicates();
		await(DELIVERY, "all " + count + " mails are SENT",
				() -> ids.stream().allMatch(id -> mailService.find(id).orElseThrow().status() == MailStatus.SENT));
		MimeMessage[] received = bakeryServer.getReceivedMessages();
		assertThat(received).hasSize(count);
		for (int i = 0; i < count; i++) {
			MimeMessage message = received[i];
			assertThat(((InternetAddress) message.getAllRecipients()[0]).getAddress())
				.as("mail %d arrives in the order it was handed over", i)
				.isEqualTo("werknemer-" + i + "@korenbloem.nl");
			assertThat(message.getSubject()).isEqualTo("Loonstrook " + i);
			if (payslips.get(i) == null) {
				assertThat(message.getContent()).as("mail %d has no attachment", i).isInstanceOf(String.class);
			}
			else {
				assertThat(attachment(message)).as("mail %d carries its own payslip", i).isEqualTo(payslips.get(i));
			}
		}
		assertThat(mailService.find(ids.get(0)).orElseThrow().transport()).isEqualTo(MailTransport.EMPLOYER);
	}

	@Test
	void aRunWithOneBadMailStoresNoneAndNamesTheMailAndField() {
		List<OutgoingMail> run = List.of(
				OutgoingMail.toEmployee(bakery.getCode(), "jan@korenbloem.nl", "Loonstrook", "A"),
				OutgoingMail.toEmployee(bakery.getCode(), "piet@korenbloem.nl", "Loonstrook", "B"),
				OutgoingMail.toEmployee(bakery.getCode(), "geen-adres", "Loonstrook", "C"));

		assertThatThrownBy(() -> mailService.sendAll(run)).isInstanceOfSatisfying(InvalidMailException.class,
				refused -> assertThat(refused.problems()).extracting(MailProblem::field).containsExactly("mails[2].to"));
		assertThat(mailsOf(bakery)).isZero();
	}

	@Test
	void aRunWithAnUnknownEmployerStoresNone() {
		List<OutgoingMail> run = List.of(
				OutgoingMail.toEmployee(bakery.getCode(), "jan@korenbloem.nl", "Loonstrook", "A"),
				OutgoingMail.toEmployee("GEEN-" + bakery.getCode(), "piet@korenbloem.nl", "Loonstrook", "B"));

		assertThatThrownBy(() -> mailService.sendAll(run)).isInstanceOf(UnknownEmployerException.class);
		assertThat(mailsOf(bakery)).isZero();
	}

	private long mailsOf(Employer employer) {
		return jdbc.sql("select count(*) from mail where employer_id = :id")
			.param("id", employer.getId())
			.query(Long.class)
			.single();
	}

	private static byte[] attachment(MimeMessage message) throws Exception {
		Multipart parts = (Multipart) message.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				part.getDataHandler().writeTo(bytes);
				return bytes.toByteArray();
			}
		}
		throw new AssertionError("no attachment in " + Arrays.toString(message.getHeader("Subject")));
	}

	private static byte[] pdf(int seed, int size) {
		byte[] pdf = new byte[size];
		new Random(seed).nextBytes(pdf);
		System.arraycopy("%PDF-1.4\n".getBytes(), 0, pdf, 0, 9);
		return pdf;
	}

}
