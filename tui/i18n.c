/* i18n.c — the translation table of i18n.h, and the one place that knows
 * which language was chosen. */
#include <string.h>
#include "i18n.h"

struct i18n_entry {
	const char *vi;
	const char *en;
};

static const struct i18n_entry table[M_COUNT] = {
#define X(id, vi, en) [id] = {vi, en},
	I18N_ALL_MESSAGES
#undef X
};

static int english;

void i18n_set_lang(const char *lang)
{
	english = lang && !strcmp(lang, "en");
}

const char *i18n_lang(void)
{
	return english ? "en" : "vi";
}

const char *tr(enum i18n_msg id)
{
	if ((int)id < 0 || id >= M_COUNT)
		return "?";
	return english ? table[id].en : table[id].vi;
}

const char *tr_pick(const char *vi, const char *en)
{
	if (english)
		return en && *en ? en : vi ? vi : "";
	return vi && *vi ? vi : en ? en : "";
}

const char *tr_err(const struct sx_error *err)
{
	return tr_pick(err->msg_vi, err->msg);
}

void tr_pair(enum i18n_msg id, const char **vi, const char **en)
{
	if ((int)id < 0 || id >= M_COUNT) {
		*vi = *en = "?";
		return;
	}
	*vi = table[id].vi;
	*en = table[id].en;
}
