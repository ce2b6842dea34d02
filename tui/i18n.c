/* i18n.c — the translation table of i18n.h. */
#include <string.h>
#include "i18n.h"

struct i18n_entry {
	const char *vi;
	const char *en;
};

static const struct i18n_entry table[M_COUNT] = {
#define X(id, vi, en) [id] = {vi, en},
	I18N_MESSAGES
#undef X
};

static int english;

void i18n_set_lang(const char *lang)
{
	english = lang && !strcmp(lang, "en");
}

int i18n_english(void)
{
	return english;
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
		return en && *en ? en : vi;
	return vi && *vi ? vi : en;
}
