package nl.salaronline.smtp.socket;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import nl.salaronline.smtp.PresentedCertificate;

/**
 * The trust decision for one level: the platform's PKIX validation including the host name check (the endpoint
 * identification algorithm set on the socket), OR exactly the pinned leaf certificate, nothing else.
 * <p>
 * A pinned leaf is accepted regardless of its host names and validity dates: the user chose to trust exactly this
 * certificate for this level after comparing its fingerprint, and internal servers with self-signed certificates
 * often carry a name other than the one used to reach them. This is also how Java treats a trust anchor (PKIX does
 * not check an anchor's dates). Everything else, including a different certificate on the same server, gets the
 * full verification.
 * <p>
 * It extends {@link X509ExtendedTrustManager} on purpose: JSSE would otherwise wrap it and add its own host name
 * check on top, which would undo the decision above for the pinned leaf.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager platform;

	private final String pinnedSha256;

	private final Consumer<X509Certificate> presented;

	PinningTrustManager(X509ExtendedTrustManager platform, String pinnedSha256, Consumer<X509Certificate> presented) {
		this.platform = platform;
		this.pinnedSha256 = pinnedSha256;
		this.presented = presented;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		if (!isPinned(chain)) {
			platform.checkServerTrusted(chain, authType, socket);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		if (!isPinned(chain)) {
			platform.checkServerTrusted(chain, authType, engine);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		if (!isPinned(chain)) {
			platform.checkServerTrusted(chain, authType);
		}
	}

	private boolean isPinned(X509Certificate[] chain) throws CertificateException {
		if (chain == null || chain.length == 0) {
			throw new CertificateException("The server presented no certificate");
		}
		presented.accept(chain[0]);
		return pinnedSha256 != null && pinnedSha256.equalsIgnoreCase(PresentedCertificate.sha256Of(chain[0]));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("An SMTP client does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("An SMTP client does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("An SMTP client does not accept client certificates");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return platform.getAcceptedIssuers();
	}

}
