package nl.salaronline.smtp;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Predicate;

/** Host policies for tests; the product's policy is a bean of another module. */
final class TestPolicies {

	private TestPolicies() {
	}

	static SmtpHostPolicy allowing(Predicate<InetAddress> allowed) {
		return new SmtpHostPolicy() {

			@Override
			public Optional<String> refusalOf(String host) {
				return Optional.empty();
			}

			@Override
			public boolean allows(InetAddress address) {
				return allowed.test(address);
			}

		};
	}

	static SmtpHostPolicy allowAll() {
		return allowing(address -> true);
	}

	/** As under prod: loopback, private and link-local addresses refused. */
	static SmtpHostPolicy publicOnly() {
		return allowing(address -> !(address.isLoopbackAddress() || address.isSiteLocalAddress()
				|| address.isLinkLocalAddress() || address.isAnyLocalAddress()));
	}

}
