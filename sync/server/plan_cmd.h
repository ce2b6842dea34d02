/* plan_cmd.h — `sxsh-server plan import FILE | list | show CODE`: the
 * province's officer's commands for plans (plan_cmd.c). */
#ifndef SXSH_SERVER_PLAN_CMD_H
#define SXSH_SERVER_PLAN_CMD_H

#include "store.h"

/* argv[0] is "plan"; lang is "vi" or "en".  Returns the exit status
 * (DESIGN.md): 0, 1 usage, 2 a bad plan file or a change refused by the
 * rule of store_plan.h (nothing stored), 5 storage. */
int plan_command(int argc, char **argv, const char *lang,
		 struct srv_store *st);

/* The three commands, for a command table: import FILE, list, show CODE
 * (version_s: the --version value or NULL).  Same exit statuses. */
int plan_cmd_import(struct srv_store *st, const char *path,
		    const char *lang);
int plan_cmd_list(struct srv_store *st, const char *lang);
int plan_cmd_show(struct srv_store *st, const char *code,
		  const char *version_s, const char *lang);

#endif
