#!/usr/bin/env bash
# Generates the test certificates once (committed; valid for 100 years). Run from this folder with the JDK's keytool.
#   trust.p12        the test CA's certificate: what the SMTP client trusts in tests instead of the JVM's CAs
#   localhost.p12    key + certificate for localhost / 127.0.0.1, signed by the test CA
#   wrong-name.p12   key + certificate for mail.elders.test (not localhost), signed by the test CA
#   self-signed.p12  key + self-signed certificate for localhost (no CA vouches for it)
# All stores are PKCS12 with password "changeit". The CA's key is thrown away afterwards.
set -euo pipefail
rm -f ./*.p12 ./*.pem ./*.csr
pass=changeit
keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname "CN=SalarOnline Test CA" -ext bc:c -validity 36500 \
  -keystore ca.p12 -storepass $pass -storetype PKCS12
keytool -exportcert -alias ca -keystore ca.p12 -storepass $pass -rfc -file ca.pem
keytool -importcert -noprompt -alias ca -file ca.pem -keystore trust.p12 -storepass $pass -storetype PKCS12

signed() {  # name, dname, san
  keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -dname "$2" -validity 36500 \
    -keystore "$1.p12" -storepass $pass -storetype PKCS12
  keytool -certreq -alias server -keystore "$1.p12" -storepass $pass -file "$1.csr"
  keytool -gencert -alias ca -keystore ca.p12 -storepass $pass -infile "$1.csr" -outfile "$1.pem" -rfc \
    -validity 36500 -ext "san=$3" -ext eku=serverAuth
  keytool -importcert -noprompt -alias ca -file ca.pem -keystore "$1.p12" -storepass $pass
  keytool -importcert -alias server -file "$1.pem" -keystore "$1.p12" -storepass $pass
  keytool -delete -alias ca -keystore "$1.p12" -storepass $pass
}
signed localhost "CN=localhost" "dns:localhost,ip:127.0.0.1"
signed wrong-name "CN=mail.elders.test" "dns:mail.elders.test"

keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -dname "CN=localhost, O=Zelf ondertekend" \
  -ext san=dns:localhost,ip:127.0.0.1 -validity 36500 -keystore self-signed.p12 -storepass $pass -storetype PKCS12

rm -f ca.p12 ./*.pem ./*.csr
