/* cmdline.c — parsing argv against the command tables of cmdline.h, and
 * the usage text drawn from the same tables, so that what a command
 * accepts and what its usage line says cannot drift apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/cmdline.h"

static enum cmdline_result usage_error(struct cmdline_args *args,
				       const char *vi, const char *en,
				       const char *word)
{
	char text_vi[256];

	snprintf(text_vi, sizeof text_vi, "%s: %s", vi, word);
	sx_error_set(&args->error, SX_USAGE, "", text_vi, "%s: %s", en, word);
	return CMDLINE_USAGE;
}

static const struct cmdline_opt *find_opt(const struct cmdline_opt *opts,
					  const char *name, size_t len,
					  char short_name)
{
	for (; opts && opts->name; opts++) {
		if (short_name ? opts->short_name == short_name
			       : strlen(opts->name) == len &&
				 !strncmp(opts->name, name, len))
			return opts;
	}
	return NULL;
}

static const struct cmdline_cmd *find_sub(const struct cmdline_cmd *subs,
					  const char *name)
{
	for (; subs && subs->name; subs++)
		if (!strcmp(subs->name, name))
			return subs;
	return NULL;
}

static int is_help(const char *word)
{
	return !strcmp(word, "--help") || !strcmp(word, "-h");
}

static int choice_ok(const char *choices, const char *value)
{
	size_t n = strlen(value);

	for (const char *c = choices; *c;) {
		size_t k = strcspn(c, "|");
		if (k == n && !strncmp(c, value, n))
			return 1;
		c += k + (c[k] == '|');
	}
	return 0;
}

/* Reads the option at argv[*i] for the command at the end of the path
 * (or a global one); takes its value from the next word when it has one. */
static enum cmdline_result take_option(struct cmdline_args *args, int argc,
				       char **argv, int *i)
{
	const char *word = argv[*i], *name, *eq, *value = NULL;
	const struct cmdline_opt *opt;
	int depth = args->depth - 1;
	char short_name = 0;
	size_t len;

	if (word[1] == '-') {
		name = word + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (eq)
			value = eq + 1;
	} else {
		if (word[2])
			return usage_error(args, "tùy chọn không có",
					   "unknown option", word);
		name = word + 1;
		len = 1;
		short_name = word[1];
	}
	opt = find_opt(args->path[depth]->opts, name, len, short_name);
	if (!opt && depth > 0) {
		depth = 0;
		opt = find_opt(args->path[0]->opts, name, len, short_name);
	}
	if (!opt)
		return usage_error(args, "tùy chọn không có", "unknown option",
				   word);
	if (!opt->value && value)
		return usage_error(args, "tùy chọn không nhận giá trị",
				   "option takes no value", word);
	if (opt->value && !value) {
		if (*i + 1 >= argc)
			return usage_error(args, "thiếu giá trị cho",
					   "missing value for", word);
		value = argv[++*i];
	}
	if (opt->choices && !choice_ok(opt->choices, value)) {
		char allowed[128];
		snprintf(allowed, sizeof allowed, "--%s %s", opt->name,
			 opt->choices);
		return usage_error(args, allowed, allowed, value);
	}
	if (args->nseen == CMDLINE_MAX_SEEN)
		return usage_error(args, "quá nhiều tùy chọn",
				   "too many options", word);
	args->seen[args->nseen++] = (struct cmdline_seen){
		opt, depth, opt->value ? value : ""};
	return CMDLINE_RUN;
}

/* Moving into a sub-command: options already given to the group must be
 * options of the sub-command too (a group's own options are its own). */
static enum cmdline_result rebind_options(struct cmdline_args *args)
{
	const struct cmdline_cmd *cmd = args->path[args->depth - 1];

	for (int k = 0; k < args->nseen; k++) {
		struct cmdline_seen *s = &args->seen[k];
		const struct cmdline_opt *opt;
		if (s->depth == 0)
			continue;
		opt = find_opt(cmd->opts, s->opt->name, strlen(s->opt->name),
			       0);
		if (!opt || !opt->value != !s->opt->value) {
			char word[64];
			snprintf(word, sizeof word, "--%s", s->opt->name);
			return usage_error(args, "tùy chọn không có",
					   "unknown option", word);
		}
		s->opt = opt;
		s->depth = args->depth - 1;
	}
	return CMDLINE_RUN;
}

static enum cmdline_result check_complete(struct cmdline_args *args)
{
	const struct cmdline_cmd *cmd = cmdline_command(args);

	if (!cmd->run && args->argc == 0)
		return usage_error(args, "thiếu lệnh con", "missing command",
				   cmd->name);
	if (args->argc < cmd->min_args)
		return usage_error(args, "thiếu tham số", "missing argument",
				   cmd->args_vi ? cmd->args_vi
						: cmd->args ? cmd->args : "");
	for (const struct cmdline_opt *o = cmd->opts; o && o->name; o++) {
		char word[64];
		if (!o->required || cmdline_value(args, o->name))
			continue;
		snprintf(word, sizeof word, "--%s", o->name);
		return usage_error(args, "thiếu tùy chọn", "missing option",
				   word);
	}
	return CMDLINE_RUN;
}

enum cmdline_result cmdline_parse(const struct cmdline_cmd *root, int argc,
				  char **argv, struct cmdline_args *args)
{
	int only_args = 0;

	memset(args, 0, sizeof *args);
	args->path[0] = root;
	args->depth = 1;
	for (int i = 1; i < argc; i++) {
		const char *word = argv[i];
		const struct cmdline_cmd *cmd = args->path[args->depth - 1];
		enum cmdline_result r;

		if (!only_args && !strcmp(word, "--")) {
			only_args = 1;
			continue;
		}
		if (!only_args && word[0] == '-' && word[1]) {
			if (is_help(word))
				return CMDLINE_HELP;
			r = take_option(args, argc, argv, &i);
			if (r != CMDLINE_RUN)
				return r;
			continue;
		}
		if (cmd->subs && args->argc == 0) {
			const struct cmdline_cmd *sub = find_sub(cmd->subs,
								 word);
			if (!sub)
				return usage_error(args, "không có lệnh",
						   "unknown command", word);
			if (args->depth == CMDLINE_DEPTH)
				return usage_error(args, "lệnh lồng quá sâu",
						   "commands nest too deep",
						   word);
			args->path[args->depth++] = sub;
			r = rebind_options(args);
			if (r != CMDLINE_RUN)
				return r;
			continue;
		}
		if (args->argc >= cmd->max_args ||
		    args->argc == CMDLINE_MAX_ARGS)
			return usage_error(args, "thừa tham số",
					   "unexpected argument", word);
		args->argv[args->argc++] = word;
	}
	return check_complete(args);
}

const struct cmdline_cmd *cmdline_command(const struct cmdline_args *args)
{
	return args->path[args->depth - 1];
}

static const char *value_at(const struct cmdline_args *args, const char *name,
			    int depth)
{
	const char *value = NULL;

	for (int k = 0; k < args->nseen; k++)
		if (args->seen[k].depth == depth &&
		    !strcmp(args->seen[k].opt->name, name))
			value = args->seen[k].value;
	return value;
}

const char *cmdline_value(const struct cmdline_args *args, const char *name)
{
	const char *value = value_at(args, name, args->depth - 1);

	return value || args->depth == 1 ? value : value_at(args, name, 0);
}

const char *cmdline_global(const struct cmdline_args *args, const char *name)
{
	return value_at(args, name, 0);
}

int cmdline_flag(const struct cmdline_args *args, const char *name)
{
	return cmdline_value(args, name) != NULL;
}

const char *cmdline_arg(const struct cmdline_args *args, int n)
{
	return n >= 0 && n < args->argc ? args->argv[n] : NULL;
}

/* ---- usage --------------------------------------------------------------- */

static void put_option(FILE *out, const struct cmdline_opt *o,
		       cmdline_pick_fn *pick)
{
	const char *value = o->choices ? o->choices
				       : o->value ? pick(o->value_vi, o->value)
						  : NULL;

	fputs(o->required ? " " : " [", out);
	if (o->short_name)
		fprintf(out, "-%c", o->short_name);
	else
		fprintf(out, "--%s", o->name);
	if (value)
		fprintf(out, " %s", value);
	if (!o->required)
		fputc(']', out);
}

static void put_line(FILE *out, const struct cmdline_cmd *const *path,
		     int depth, cmdline_pick_fn *pick)
{
	const struct cmdline_cmd *cmd = path[depth - 1];

	for (int d = 0; d < depth; d++)
		fprintf(out, "%s%s", d ? " " : "", path[d]->name);
	if (cmd->args)
		fprintf(out, " %s", pick(cmd->args_vi, cmd->args));
	for (const struct cmdline_opt *o = cmd->opts; o && o->name; o++)
		put_option(out, o, pick);
	fputc('\n', out);
}

static void put_help(FILE *out, const struct cmdline_cmd *cmd,
		     cmdline_pick_fn *pick)
{
	const char *help = pick(cmd->help_vi, cmd->help_en);

	if (help && *help)
		fprintf(out, "    %s\n", help);
	for (const struct cmdline_opt *o = cmd->opts; o && o->name; o++) {
		char head[64];
		if (o->short_name)
			snprintf(head, sizeof head, "-%c, --%s",
				 o->short_name, o->name);
		else
			snprintf(head, sizeof head, "--%s", o->name);
		fprintf(out, "      %-18s %s\n", head,
			pick(o->help_vi, o->help_en));
	}
}

static void put_tree(FILE *out, const struct cmdline_cmd **path, int depth,
		     int with_help, cmdline_pick_fn *pick)
{
	const struct cmdline_cmd *cmd = path[depth - 1];

	if (cmd->run || !cmd->subs) {
		put_line(out, (const struct cmdline_cmd *const *)path, depth,
			 pick);
		if (with_help)
			put_help(out, cmd, pick);
	}
	if (depth == CMDLINE_DEPTH)
		return;
	for (const struct cmdline_cmd *s = cmd->subs; s && s->name; s++) {
		if (s->hidden)
			continue;
		path[depth] = s;
		put_tree(out, path, depth + 1, with_help, pick);
	}
}

char *cmdline_usage(const struct cmdline_cmd *const *path, int depth,
		    int with_help, cmdline_pick_fn *pick)
{
	const struct cmdline_cmd *walk[CMDLINE_DEPTH];
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	if (depth < 1 || depth > CMDLINE_DEPTH)
		return NULL;
	out = open_memstream(&text, &len);
	if (!out)
		return NULL;
	memcpy(walk, path, (size_t)depth * sizeof *walk);
	put_tree(out, walk, depth, with_help, pick);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
