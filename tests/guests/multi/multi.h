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

#endif /* MULTI_H */
