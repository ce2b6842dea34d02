/* plan_cmd.h — `sxsh-server plan import FILE | list | show CODE`: the
 * province's officer's commands for plans (plan_cmd.c). */
#ifndef SXSH_SERVER_PLAN_CMD_H
#define SXSH_SERVER_PLAN_CMD_H

#include "store.h"

/* The three commands, for main.c's command table: import FILE, list,
 * show CODE (version_s: the --version value or NULL); lang is "vi" or
 * "en".  Each returns the exit status (DESIGN.md): 0, 2 a bad plan file
 * or a change refused by the rule of store_plan.h (nothing stored), 5
 * storage. */
int plan_cmd_import(struct srv_store *st, const char *path,
		    const char *lang);
int plan_cmd_list(struct srv_store *st, const char *lang);
int plan_cmd_show(struct srv_store *st, const char *code,
		  const char *version_s, const char *lang);

#endif
