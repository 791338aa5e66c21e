/* Smoke test of a cross-built libshftu_rules_jvm.so where no JVM runs (linux-aarch64 under qemu-user):
 * loads the library and calls its C entry point shftu_rules_jvm_selftest, which answers a request through
 * the engine and a typed call through the registry. Exit 0 when both answer as expected. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <libshftu_rules_jvm.so>\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 3;
    }
    int (*selftest)(void) = (int (*)(void))dlsym(lib, "shftu_rules_jvm_selftest");
    if (!selftest) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return 4;
    }
    int rc = selftest();
    printf("shftu_rules_jvm_selftest: %d (%s)\n", rc, rc == 0 ? "ok" : "failed");
    return rc;
}
