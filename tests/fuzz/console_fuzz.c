/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the console backend's ring reader and line cutter
 * (tools/console/ring.c): what a guest can put in its console page.  The
 * input is the page's four indices, a read size, then the output ring's
 * bytes; the backend reads it in rounds, the guest moving out_prod between
 * them by the next input bytes.
 *
 * Besides the sanitizers, the target traps when a read returns more than
 * asked or than the guest announced, moves the index by other than what it
 * returned, or a line comes out longer than CONS_LINE_MAX or with control
 * bytes in it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/console/ring.h"

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

static void emit(const char *line, void *arg)
{
    size_t n = strlen(line);

    promise(n <= CONS_LINE_MAX);
    for (size_t i = 0; i < n; i++)
        promise((line[i] >= 0x20 && line[i] < 0x7f) || line[i] == '\t');
    ++*(unsigned int *)arg;
}

static void tail_piece(const char *p, size_t n, void *arg)
{
    *(size_t *)arg += n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct xencons_interface page;
    static struct cons_tail tail;
    struct cons_lines lines = {.len = 0};
    XENCONS_RING_IDX idx[4], cons;
    char buf[sizeof(page.out) + 1];
    unsigned int emitted = 0;
    size_t want, seen = 0;
    uint16_t len;

    if (size < sizeof(idx) + sizeof(len))
        return 0;
    memcpy(idx, data, sizeof(idx));
    memcpy(&len, data + sizeof(idx), sizeof(len));
    data += sizeof(idx) + sizeof(len);
    size -= sizeof(idx) + sizeof(len);
    memset(&page, 0, sizeof(page));
    memcpy(page.out, data, size < sizeof(page.out) ? size : sizeof(page.out));
    page.in_cons = idx[0];
    page.in_prod = idx[1];
    page.out_cons = cons = idx[2];
    page.out_prod = idx[3];
    memset(&tail, 0, sizeof(tail));
    want = len % sizeof(buf);

    for (size_t round = 0; round < 8; round++) {
        XENCONS_RING_IDX before = cons, prod = page.out_prod;
        int n = cons_ring_read(&page, &cons, buf, want);

        if (n < 0) {
            promise(n == -EPROTO && cons == before);
            break;
        }
        promise((size_t)n <= want && (XENCONS_RING_IDX)(prod - before) >= (XENCONS_RING_IDX)n);
        promise((XENCONS_RING_IDX)(cons - before) == (XENCONS_RING_IDX)n);
        cons_tail_append(&tail, buf, (size_t)n);
        cons_lines_feed(&lines, buf, (size_t)n, emit, &emitted);
        page.out_prod += size > round ? data[size - 1 - round] : 0;
    }
    cons_lines_flush(&lines, emit, &emitted);
    cons_tail_each(&tail, tail_piece, &seen);
    promise(seen == tail.len && seen <= CONS_TAIL_SIZE);
    {
        XENCONS_RING_IDX prod = page.in_prod;
        int n = cons_ring_write(&page, &prod, "xl console\n", 11);

        promise(n == -EPROTO || (n >= 0 && n <= 11));
    }
    return 0;
}
