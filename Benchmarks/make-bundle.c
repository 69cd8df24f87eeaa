/* For compare.sh: writes a PEM bundle of N distinct self-signed certificates (one P-256 key,
 * subjects "CN=Bench CA i"), to time loading a large CA bundle.
 *   make-bundle N PATH */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s N PATH\n", argv[0]); return 2; }
    int count = atoi(argv[1]);
    FILE *out = fopen(argv[2], "w");
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (out == NULL || key == NULL) { perror("make-bundle"); return 1; }
    for (int i = 0; i < count; i++) {
        X509 *certificate = X509_new();
        char name[64];
        snprintf(name, sizeof name, "Bench CA %d", i);
        X509_NAME *subject = X509_NAME_new();
        X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, (const unsigned char *)name, -1, -1, 0);
        X509_set_version(certificate, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), i + 1);
        X509_set_subject_name(certificate, subject);
        X509_set_issuer_name(certificate, subject);
        X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
        X509_gmtime_adj(X509_getm_notAfter(certificate), 400L * 86400);
        X509_set_pubkey(certificate, key);
        if (X509_sign(certificate, key, EVP_sha256()) == 0 || PEM_write_X509(out, certificate) != 1) return 1;
        X509_NAME_free(subject);
        X509_free(certificate);
    }
    EVP_PKEY_free(key);
    return fclose(out) == 0 ? 0 : 1;
}
