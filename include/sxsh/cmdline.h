/* cmdline.h — the command-line toolkit of both programs (sxsh and
 * sxsh-server).
 *
 * A program describes its commands as nested const tables.  A command has
 * a name, a synopsis of its positional arguments, the options it takes,
 * and sub-commands (a table ended by a row with a NULL name), a function
 * to run, or both (a group that also runs when no sub-command follows).
 * The root command's options are global: they are accepted before and
 * after the command words; every other command accepts only its own.
 *
 * cmdline_parse walks argv through the tables and checks every option
 * against the command it belongs to.  An unknown option, a missing or
 * unexpected value, an unknown sub-command, too few or too many arguments
 * are usage errors: the parse says which (in both languages) and which
 * command it was, so that the program prints that command's usage line
 * and exits 1.  "--help" or "-h" after any command asks for that command's
 * usage.  Core never prints and never exits: the program does both.
 *
 * Syntax: "--name VALUE", "--name=VALUE", "--flag", "-o VALUE" where the
 * row has a short letter; a value is taken as it is even when it starts
 * with '-'.  A lone "-" is an argument (it means standard input to some
 * commands); "--" makes every later word an argument.
 *
 * Adding a command is one row in a table plus its function.  Each
 * program defines struct cmdline_app, the context every command receives.
 */
#ifndef SXSH_CMDLINE_H
#define SXSH_CMDLINE_H

#include <stddef.h>
#include "sxsh/err.h"

/* The deepest command path and the most words a parse keeps. */
#define CMDLINE_DEPTH 4
#define CMDLINE_MAX_ARGS 8
#define CMDLINE_MAX_SEEN 32

struct cmdline_opt {
	const char *name;      /* long name without "--"; NULL ends a table */
	char short_name;       /* one letter for "-x", or 0 */
	const char *value;     /* name of its value ("FILE"); NULL: a flag */
	const char *value_vi;  /* the same in Vietnamese, or NULL */
	int required;          /* the command refuses to run without it */
	const char *choices;   /* "vi|en": the value must be one of them */
	const char *help_vi;   /* one line for --help */
	const char *help_en;
};

struct cmdline_app; /* each program defines its own */

struct cmdline_cmd {
	const char *name;      /* the command word; NULL ends a table */
	const char *args;      /* synopsis of its arguments ("KIND FILE") */
	const char *args_vi;   /* the same in Vietnamese, or NULL */
	int min_args, max_args;
	const struct cmdline_opt *opts;  /* NULL or ended by a NULL name */
	const struct cmdline_cmd *subs;  /* NULL or ended by a NULL name */
	int (*run)(struct cmdline_app *app); /* NULL: needs a sub-command */
	int hidden;            /* an alias, left out of usage listings */
	const char *help_vi;   /* one line for --help */
	const char *help_en;
};

struct cmdline_seen {
	const struct cmdline_opt *opt;
	int depth;             /* of the command that declares opt */
	const char *value;     /* "" for a flag */
};

enum cmdline_result {
	CMDLINE_RUN = 0,       /* run args->path[args->depth - 1] */
	CMDLINE_HELP,          /* print the usage of that command, exit 0 */
	CMDLINE_USAGE          /* args->error says why; usage, exit 1 */
};

struct cmdline_args {
	const struct cmdline_cmd *path[CMDLINE_DEPTH]; /* root first */
	int depth;
	const char *argv[CMDLINE_MAX_ARGS]; /* the positional arguments */
	int argc;
	struct cmdline_seen seen[CMDLINE_MAX_SEEN];    /* in argv order */
	int nseen;
	struct sx_error error;  /* after CMDLINE_USAGE (code SX_USAGE) */
};

/* Parses argv[1..argc-1] (argv[0] is the program) against root.  The
 * strings in args point into argv.  Never allocates. */
enum cmdline_result cmdline_parse(const struct cmdline_cmd *root, int argc,
				  char **argv, struct cmdline_args *args);

/* The command that was found (the last of the path). */
const struct cmdline_cmd *cmdline_command(const struct cmdline_args *args);

/* The value of option name as given last, "" for a flag, NULL when it was
 * not given.  cmdline_value looks at the options of the command found
 * first, then at the global ones; cmdline_global only at the global ones
 * (a command may have its own option of a global option's name). */
const char *cmdline_value(const struct cmdline_args *args, const char *name);
const char *cmdline_global(const struct cmdline_args *args,
			   const char *name);
int cmdline_flag(const struct cmdline_args *args, const char *name);

/* The n-th positional argument, or NULL. */
const char *cmdline_arg(const struct cmdline_args *args, int n);

/* Picks the text of a vi/en pair: the program's own choice of language,
 * so that core never decides it. */
typedef const char *cmdline_pick_fn(const char *vi, const char *en);

/* The usage of the command at path[0..depth-1] (path[0] is the root,
 * named after the program) as text: for a command that runs, its line
 * ("sxsh report build --period P [-o FILE]"); for a group, that and the
 * lines of its sub-commands, and of theirs.  with_help adds the help of
 * each command under its line and a list of its options.  Lines end with
 * '\n'.  Returns a malloc'd string (the caller frees it) or NULL when out
 * of memory. */
char *cmdline_usage(const struct cmdline_cmd *const *path, int depth,
		    int with_help, cmdline_pick_fn *pick);

#endif
