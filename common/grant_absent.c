/* SPDX-License-Identifier: GPL-2.0-only */
/* For architectures that cannot run guests yet (no HAS_GUESTS): no grant tables. */
#include <xenia/grant_table.h>

int grant_table_init(struct domain *d, int max_grant_frames, int max_maptrack_frames)
{
    return 0;
}

int grant_table_set_limits(struct domain *d, int max_grant_frames, int max_maptrack_frames)
{
    return 0;
}

void grant_table_kill(struct domain *d)
{
}

void grant_table_destroy(struct domain *d)
{
}

bool gnttab_is_table_frame(const struct domain *d, const struct page_info *pg)
{
    return false;
}
