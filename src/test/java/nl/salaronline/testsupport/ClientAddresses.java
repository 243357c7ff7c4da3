package nl.salaronline.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Client addresses for MockMvc requests. The API throttles refused logins per client address, and test classes that
 * share one application context would otherwise all refuse from 127.0.0.1: a test that checks a refusal sends it from
 * an address of its own, so that no other test's correct login is throttled by it. The addresses are from the
 * benchmarking range 198.18.0.0/15 and only ever set on a mock request.
 */
public final class ClientAddresses {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private ClientAddresses() {
	}

	/** An address no other request of this test run came from. */
	public static String newAddress() {
		int n = ADDRESSES.incrementAndGet();
		return "198.18." + (n / 250) + "." + (n % 250 + 1);
	}

	public static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** HTTP Basic from an address of its own. */
	public static RequestPostProcessor basicFromItsOwnAddress(String username, String password) {
		return request -> httpBasic(username, password).postProcessRequest(from(newAddress()).postProcessRequest(request));
	}

}
