#ifndef CTLS_SHIMS_H
#define CTLS_SHIMS_H

// Functions for the OpenSSL macros Swift cannot import. Each wraps exactly one macro
// (or one fixed flag combination) so the Swift side reads like the OpenSSL manual.

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>

// Protocol versions (SSL_CTX_ctrl macros).
int ctls_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
int ctls_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version);
int ctls_SSL_CTX_get_min_proto_version(SSL_CTX *ctx);
int ctls_SSL_CTX_get_max_proto_version(SSL_CTX *ctx);

// Certificate chain and connection setup.
int ctls_SSL_CTX_add1_chain_cert(SSL_CTX *ctx, X509 *x509);
int ctls_SSL_set_tlsext_host_name(SSL *ssl, const char *name);
void ctls_SSL_set_msg_callback_arg(SSL *ssl, void *arg);

// Stacks.
int ctls_sk_X509_num(const STACK_OF(X509) *stack);
X509 *ctls_sk_X509_value(const STACK_OF(X509) *stack, int index);
void ctls_sk_X509_pop_free(STACK_OF(X509) *stack);
STACK_OF(X509) *ctls_sk_X509_new_null(void);
int ctls_sk_X509_push(STACK_OF(X509) *stack, X509 *x509);
int ctls_SSL_CTX_get0_chain_certs(SSL_CTX *ctx, STACK_OF(X509) **chain);
int ctls_sk_X509_OBJECT_num(const STACK_OF(X509_OBJECT) *stack);
X509_OBJECT *ctls_sk_X509_OBJECT_value(const STACK_OF(X509_OBJECT) *stack, int index);
int ctls_sk_X509_OBJECT_push(STACK_OF(X509_OBJECT) *stack, X509_OBJECT *object);
void ctls_sk_X509_OBJECT_sort(STACK_OF(X509_OBJECT) *stack);
int ctls_sk_SSL_CIPHER_num(const STACK_OF(SSL_CIPHER) *stack);
const SSL_CIPHER *ctls_sk_SSL_CIPHER_value(const STACK_OF(SSL_CIPHER) *stack, int index);
int ctls_sk_X509_NAME_num(const STACK_OF(X509_NAME) *stack);
X509_NAME *ctls_sk_X509_NAME_value(const STACK_OF(X509_NAME) *stack, int index);
int ctls_sk_GENERAL_NAME_num(const GENERAL_NAMES *names);
GENERAL_NAME *ctls_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index);

// Lookups and memory.
int ctls_X509_LOOKUP_add_dir(X509_LOOKUP *lookup, const char *path);
long ctls_BIO_get_mem_data(BIO *bio, const char **data);
void ctls_OPENSSL_free(void *pointer);

// Error queue flags.
int ctls_ERR_TXT_STRING(void);

// Name rendering: RFC 2253 order and escaping, UTF-8 kept as is.
unsigned long ctls_name_flags_rfc2253(void);

// GENERAL_NAME accessors (the union is awkward to read from Swift).
int ctls_GENERAL_NAME_type(const GENERAL_NAME *name);
const ASN1_STRING *ctls_GENERAL_NAME_string(const GENERAL_NAME *name);

#endif
