/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Seeds for the xenstored fuzzer: one well-formed session per file in the
 * stream format of xenstored_fuzz.c, and one as a ring page.
 *
 *   gen-xs-seeds <dir>
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <public/io/xs_wire.h>

static uint8_t buf[8192];
static size_t len;

/* One chunk: a whole message for connection `conn`. */
static void msg(unsigned int conn, uint32_t type, uint32_t tx, const char *body, size_t blen)
{
    struct xsd_sockmsg h = {type, 7, tx, (uint32_t)blen};

    buf[len++] = (uint8_t)conn;
    buf[len++] = (uint8_t)(sizeof(h) + blen);
    memcpy(buf + len, &h, sizeof(h));
    memcpy(buf + len + sizeof(h), body, blen);
    len += sizeof(h) + blen;
}

#define M(conn, type, tx, lit) msg(conn, type, tx, lit, sizeof(lit))

static int save(const char *dir, const char *name)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
        perror(path);
        return 1;
    }
    len = 0;
    return 0;
}

int main(int argc, char **argv)
{
    struct xsd_sockmsg h = {XS_WRITE, 1, 0, 10};
    int rc = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <dir>\n", argv[0]);
        return 2;
    }
    buf[len++] = 0;
    M(0, XS_WRITE, 0, "/a/b\0value");
    M(0, XS_READ, 0, "/a/b");
    M(0, XS_DIRECTORY, 0, "/a");
    M(1, XS_WATCH, 0, "data\0tok");
    M(1, XS_WRITE, 0, "data/x\0v");
    M(1, XS_GET_PERMS, 0, "data/x");
    M(1, XS_SET_PERMS, 0, "data/x\0n5\0r7");
    M(2, XS_READ, 0, "/local/domain/5/data/x");
    M(0, XS_RM, 0, "/a");
    rc |= save(argv[1], "ops");
    buf[len++] = 0;
    M(1, XS_TRANSACTION_START, 0, "");
    M(1, XS_WRITE, 1, "data/y\0v");
    M(1, XS_READ, 1, "data/y");
    M(0, XS_WRITE, 0, "/local/domain/5/data/y\0w");
    M(1, XS_TRANSACTION_END, 1, "T");
    M(1, XS_RESET_WATCHES, 0, "");
    rc |= save(argv[1], "transaction");
    buf[len++] = 0;
    M(0, XS_WATCH, 0, "@introduceDomain\0i");
    M(0, XS_INTRODUCE, 0,
      "9\0"
      "2\0"
      "3");
    M(0, XS_IS_DOMAIN_INTRODUCED, 0, "9");
    M(0, XS_GET_DOMAIN_PATH, 0, "9");
    M(0, XS_RESUME, 0, "9");
    M(0, XS_RELEASE, 0, "9");
    rc |= save(argv[1], "domains");
    /* A ring page: indices, then two requests at offset 0. */
    buf[len++] = 1;
    memset(buf + len, 0, 8);
    buf[len + 4] = 2 * sizeof(h) + 10 + 5;
    len += 8;
    memset(buf + len, 0, 8);
    len += 8;
    memcpy(buf + len, &h, sizeof(h));
    memcpy(buf + len + sizeof(h), "data/x\0abc", 10);
    len += sizeof(h) + 10;
    h.type = XS_READ;
    h.len = 5;
    memcpy(buf + len, &h, sizeof(h));
    memcpy(buf + len + sizeof(h), "data", 5);
    len += sizeof(h) + 5;
    rc |= save(argv[1], "ring");
    return rc;
}
