package nl.salaronline.devmail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/** The last {@link #CAPACITY} caught mails, newest first; older ones are dropped. */
final class CaughtMails {

	static final int CAPACITY = 500;

	private final Deque<CaughtMail> mails = new ArrayDeque<>();

	private long lastId;

	synchronized CaughtMail add(LongFunction<CaughtMail> withId) {
		CaughtMail mail = withId.apply(++lastId);
		mails.addFirst(mail);
		while (mails.size() > CAPACITY) {
			mails.removeLast();
		}
		return mail;
	}

	synchronized List<CaughtMail> newestFirst() {
		return new ArrayList<>(mails);
	}

	synchronized Optional<CaughtMail> find(long id) {
		return mails.stream().filter(mail -> mail.id() == id).findFirst();
	}

}
