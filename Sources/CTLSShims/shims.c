#include "CTLSShims.h"

int ctls_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_min_proto_version(ctx, version); }
int ctls_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_max_proto_version(ctx, version); }
int ctls_SSL_CTX_get_min_proto_version(SSL_CTX *ctx) { return (int)SSL_CTX_get_min_proto_version(ctx); }
int ctls_SSL_CTX_get_max_proto_version(SSL_CTX *ctx) { return (int)SSL_CTX_get_max_proto_version(ctx); }

int ctls_SSL_CTX_add1_chain_cert(SSL_CTX *ctx, X509 *x509) { return (int)SSL_CTX_add1_chain_cert(ctx, x509); }
int ctls_SSL_set_tlsext_host_name(SSL *ssl, const char *name) { return (int)SSL_set_tlsext_host_name(ssl, name); }
void ctls_SSL_set_msg_callback_arg(SSL *ssl, void *arg) { SSL_set_msg_callback_arg(ssl, arg); }

int ctls_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
X509 *ctls_sk_X509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
void ctls_sk_X509_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
STACK_OF(X509) *ctls_sk_X509_new_null(void) { return sk_X509_new_null(); }
int ctls_sk_X509_push(STACK_OF(X509) *stack, X509 *x509) { return sk_X509_push(stack, x509); }
int ctls_SSL_CTX_get0_chain_certs(SSL_CTX *ctx, STACK_OF(X509) **chain) { return (int)SSL_CTX_get0_chain_certs(ctx, chain); }
int ctls_sk_X509_OBJECT_num(const STACK_OF(X509_OBJECT) *stack) { return sk_X509_OBJECT_num(stack); }
X509_OBJECT *ctls_sk_X509_OBJECT_value(const STACK_OF(X509_OBJECT) *stack, int index) { return sk_X509_OBJECT_value(stack, index); }
int ctls_sk_X509_OBJECT_push(STACK_OF(X509_OBJECT) *stack, X509_OBJECT *object) { return sk_X509_OBJECT_push(stack, object); }
void ctls_sk_X509_OBJECT_sort(STACK_OF(X509_OBJECT) *stack) { sk_X509_OBJECT_sort(stack); }
int ctls_sk_SSL_CIPHER_num(const STACK_OF(SSL_CIPHER) *stack) { return sk_SSL_CIPHER_num(stack); }
const SSL_CIPHER *ctls_sk_SSL_CIPHER_value(const STACK_OF(SSL_CIPHER) *stack, int index) { return sk_SSL_CIPHER_value(stack, index); }
int ctls_sk_X509_NAME_num(const STACK_OF(X509_NAME) *stack) { return sk_X509_NAME_num(stack); }
X509_NAME *ctls_sk_X509_NAME_value(const STACK_OF(X509_NAME) *stack, int index) { return sk_X509_NAME_value(stack, index); }
int ctls_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
GENERAL_NAME *ctls_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) { return sk_GENERAL_NAME_value(names, index); }

int ctls_X509_LOOKUP_add_dir(X509_LOOKUP *lookup, const char *path) { return X509_LOOKUP_add_dir(lookup, path, X509_FILETYPE_PEM); }
long ctls_BIO_get_mem_data(BIO *bio, const char **data) { char *pointer = NULL; long length = BIO_get_mem_data(bio, &pointer); *data = pointer; return length; }
void ctls_OPENSSL_free(void *pointer) { OPENSSL_free(pointer); }

int ctls_ERR_TXT_STRING(void) { return ERR_TXT_STRING; }

unsigned long ctls_name_flags_rfc2253(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

int ctls_GENERAL_NAME_type(const GENERAL_NAME *name) { return name->type; }
const ASN1_STRING *ctls_GENERAL_NAME_string(const GENERAL_NAME *name) {
    switch (name->type) {
    case GEN_DNS: return name->d.dNSName;
    case GEN_IPADD: return name->d.iPAddress;
    case GEN_EMAIL: return name->d.rfc822Name;
    case GEN_URI: return name->d.uniformResourceIdentifier;
    default: return NULL;
    }
}
