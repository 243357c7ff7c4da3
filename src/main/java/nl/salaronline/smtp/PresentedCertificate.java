package nl.salaronline.smtp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The certificate a server presented, as shown to a user who may choose to trust exactly this certificate for a
 * level ({@link SmtpServer#pinnedCertificateSha256()}).
 *
 * @param subject the subject's distinguished name, e.g. "CN=mail.korenbloem.nl"
 * @param issuer the issuer's distinguished name (the same as the subject for a self-signed certificate)
 * @param sha256 SHA-256 fingerprint of the DER encoding, lower-case hex without separators
 * @param names the DNS names and IP addresses the certificate is valid for (subject alternative names)
 * @param notBefore start of the validity period
 * @param notAfter end of the validity period
 */
public record PresentedCertificate(String subject, String issuer, String sha256, List<String> names,
		Instant notBefore, Instant notAfter) {

	public PresentedCertificate {
		names = List.copyOf(names);
	}

	public static PresentedCertificate of(X509Certificate certificate) {
		return new PresentedCertificate(certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), sha256Of(certificate), namesOf(certificate),
				certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
	}

	/** Lower-case hex SHA-256 of the certificate's DER encoding: the form stored as the pinned fingerprint. */
	public static String sha256Of(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot fingerprint certificate", ex);
		}
	}

	/** The fingerprint as people compare it: upper-case byte pairs separated by colons. */
	public String sha256ForDisplay() {
		return sha256ForDisplay(sha256);
	}

	/** A lower-case hex fingerprint as people compare it: upper-case byte pairs separated by colons. */
	public static String sha256ForDisplay(String sha256) {
		StringBuilder display = new StringBuilder();
		for (int i = 0; i < sha256.length(); i += 2) {
			if (i > 0) {
				display.append(':');
			}
			display.append(sha256, i, Math.min(i + 2, sha256.length()));
		}
		return display.toString().toUpperCase(java.util.Locale.ROOT);
	}

	private static List<String> namesOf(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
			if (alternativeNames != null) {
				for (List<?> name : alternativeNames) {
					Object type = name.get(0);
					// 2 = dNSName, 7 = iPAddress
					if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
						names.add(String.valueOf(name.get(1)));
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			// a certificate with unreadable names still has a subject and a fingerprint to show
		}
		return names;
	}

}
