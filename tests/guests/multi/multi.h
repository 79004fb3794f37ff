/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MULTI_H
#define MULTI_H

#include <stdbool.h>
#include <stdint.h>

/* A number from "name=value" on the command line, or def. */
unsigned long arg_value(const char *name, unsigned long def);

/* Roles, each in its own file; each ends by shutting the domain down. */
void role_ping(void);
void role_pong(void);
void role_vcpus(void);
void role_granter(void);
void role_mapper(void);
void role_hostile(void);
void role_victim(void);
void role_nullcall(void);
void role_gsource(void);
void role_gbench(void);
void role_stress(void);

/* Grants (grant.c): frame 0 of this domain's table, mapped at va; an entry given. */
struct grant_entry_v1;
struct grant_entry_v1 *grant_table_map(void *va);
void grant_give(struct grant_entry_v1 *e, uint16_t to, const void *page);

#endif /* MULTI_H */
