package nl.salaronline.devmail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import nl.salaronline.account.Role;
import nl.salaronline.layout.ScreenController;
import nl.salaronline.security.SalarOnlineUser;

/**
 * Postvak (ontwikkeling): the mails the development catcher received, newest first. Admins see all of them; an
 * accountant sees the mails of their own account's levels (linked by the outbox mail's Message-ID), so another
 * account's mail is not found (404). Only while the catcher runs; otherwise the pages answer 404.
 */
@ScreenController
@DevMailCatcherEnabled
class PostvakController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss")
		.withZone(ZoneId.of("Europe/Amsterdam"));

	private final DevMailCatcher catcher;

	PostvakController(DevMailCatcher catcher) {
		this.catcher = catcher;
	}

	@ModelAttribute("time")
	DateTimeFormatter time() {
		return TIME;
	}

	@GetMapping("/postvak")
	String list(@AuthenticationPrincipal SalarOnlineUser user, Model model) {
		requireRunning();
		List<CaughtMail> visible = catcher.newestFirst().stream().filter(mail -> visible(mail, user)).toList();
		model.addAttribute("mails", visible);
		model.addAttribute("capacity", CaughtMails.CAPACITY);
		return "devmail/postvak";
	}

	@GetMapping("/postvak/{id}")
	String show(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String id, Model model) {
		model.addAttribute("mail", mail(user, id));
		return "devmail/postvak-mail";
	}

	/** An attachment as a download, never shown inline (an HTML attachment would run in our origin). */
	@GetMapping("/postvak/{id}/bijlagen/{index}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String id,
			@PathVariable String index) {
		List<CaughtMail.Attachment> attachments = mail(user, id).attachments();
		int number = parse(index);
		if (number < 0 || number >= attachments.size()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		CaughtMail.Attachment attachment = attachments.get(number);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(attachment.filename(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(attachment.content());
	}

	private CaughtMail mail(SalarOnlineUser user, String id) {
		requireRunning();
		return catcher.find(parse(id))
			.filter(mail -> visible(mail, user))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private void requireRunning() {
		if (!catcher.isRunning()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private static boolean visible(CaughtMail mail, SalarOnlineUser user) {
		boolean admin = user.getAuthorities()
			.stream()
			.anyMatch(granted -> Role.ADMIN.authority().equals(granted.getAuthority()));
		return mail.visibleTo(user.accountId(), admin);
	}

	private static int parse(String number) {
		try {
			return Integer.parseInt(number);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
