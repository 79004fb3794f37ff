/* SPDX-License-Identifier: GPL-2.0-only */
/* The tiny libc's <ctype.h>: the "C" locale, ASCII only. */
#ifndef GK_LIBC_CTYPE_H
#define GK_LIBC_CTYPE_H

int isdigit(int c);
int isxdigit(int c);
int isspace(int c);
int isalpha(int c);
int isalnum(int c);
int isprint(int c);
int isupper(int c);
int islower(int c);
int tolower(int c);
int toupper(int c);

#endif /* GK_LIBC_CTYPE_H */
