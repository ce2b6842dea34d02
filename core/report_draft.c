/* report_draft.c — the narrative being typed, as a JSON value of the
 * local setting "report_narrative_draft" (report_draft.h). */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/report_draft.h"
#include "sxsh/settings.h"

#define KEY "report_narrative_draft"

static const char *const fields[3] = {"results", "difficulties",
				      "proposals"};

enum sx_err report_draft_save(struct sx_db *db, const char *period,
			      const char *const texts[3],
			      struct sx_error *err)
{
	json_t *doc = json_object();
	char *value = NULL;
	enum sx_err e;
	int bad = !doc || !period || strlen(period) >= 8 ||
		  json_object_set_new(doc, "period", json_string(period));

	for (int i = 0; !bad && i < 3; i++)
		bad = json_object_set_new(doc, fields[i], json_string(
			texts[i] ? texts[i] : ""));
	if (!bad)
		value = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (!value)
		return sx_error_set(err, bad && doc ? SX_INVALID : SX_NOMEM,
				    "", NULL, "cannot keep the narrative "
				    "draft");
	e = settings_set(db, KEY, value, err);
	free(value);
	return e;
}

enum sx_err report_draft_get(struct sx_db *db, char period[8],
			     char *texts[3], struct sx_error *err)
{
	char *value = settings_get(db, KEY);
	json_error_t jerr;
	json_t *doc = value ? json_loads(value, 0, &jerr) : NULL;
	const char *p = json_string_value(json_object_get(doc, "period"));
	int malformed = !p || strlen(p) >= 8, ok = !malformed;

	for (int i = 0; i < 3; i++) {
		const char *t = json_string_value(json_object_get(doc,
								  fields[i]));
		texts[i] = NULL;
		malformed |= !t;
		ok = ok && t && (texts[i] = strdup(t)) != NULL;
	}
	if (ok)
		snprintf(period, 8, "%s", p);
	json_decref(doc);
	if (!ok) {
		for (int i = 0; i < 3; i++) {
			free(texts[i]);
			texts[i] = NULL;
		}
		if (value && malformed)   /* nothing to offer, ever */
			settings_set(db, KEY, NULL, NULL);
		free(value);
		return sx_error_set(err, SX_NOTFOUND, "", NULL,
				    "no narrative draft");
	}
	free(value);
	return SX_OK;
}

enum sx_err report_draft_discard(struct sx_db *db, struct sx_error *err)
{
	return settings_set(db, KEY, NULL, err);
}
