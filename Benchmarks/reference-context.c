/* Reference for compare.sh: the cost of a client SSL_CTX with a CA bundle in plain C.
 *   reference-context bundle ITERATIONS  SSL_CTX_new + SSL_CTX_load_verify_locations(bundle)
 *   reference-context dir ITERATIONS     SSL_CTX_new + SSL_CTX_load_verify_locations(NULL, dir) (lazy lookup)
 *   reference-context new ITERATIONS     SSL_CTX_new alone
 * Prints the median wall time of one context, in microseconds, on one line. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s bundle|dir|new PATH ITERATIONS\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1], *path = argv[2];
    int iterations = atoi(argv[3]);
    if (iterations < 1) iterations = 1;
    double *samples = calloc((size_t)iterations, sizeof(double));
    for (int i = -3; i < iterations; i++) { /* three warm-up rounds */
        double start = now_us();
        SSL_CTX *context = SSL_CTX_new(TLS_client_method());
        if (context == NULL) { ERR_print_errors_fp(stderr); return 1; }
        int ok = 1;
        if (strcmp(mode, "bundle") == 0) ok = SSL_CTX_load_verify_locations(context, path, NULL);
        else if (strcmp(mode, "dir") == 0) ok = SSL_CTX_load_verify_locations(context, NULL, path);
        if (ok != 1) { ERR_print_errors_fp(stderr); return 1; }
        SSL_CTX_free(context);
        if (i >= 0) samples[i] = now_us() - start;
    }
    qsort(samples, (size_t)iterations, sizeof(double), compare);
    double median = iterations % 2 ? samples[iterations / 2] : (samples[iterations / 2 - 1] + samples[iterations / 2]) / 2;
    printf("%.1f\n", median);
    free(samples);
    return 0;
}
