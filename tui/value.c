/* value.c — canonical values ↔ display text (see value.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "value.h"
#include "sxsh/refdata.h"
#include "sxsh/text.h"

static void copy(char *out, size_t outsz, const char *s)
{
	snprintf(out, outsz, "%s", s ? s : "");
}

/* Digits after the decimal point of a canonical decimal ("12.50" → 2),
 * at most 6. */
static int decimals_of(const char *v)
{
	const char *dot = strchr(v, '.');
	int n = 0;

	if (!dot)
		return 0;
	for (dot++; isdigit((unsigned char)*dot) && n < 6; dot++)
		n++;
	return n;
}

void value_show(struct sx_db *db, const struct sx_field *f, const char *v,
		char *out, size_t outsz)
{
	struct sx_unit unit;
	const char *label;

	if (!v || !*v) {
		copy(out, outsz, "");
		return;
	}
	switch (f->type) {
	case SXF_INT: case SXF_MONEY:
		text_format_int(strtoll(v, NULL, 10), out, outsz);
		return;
	case SXF_DECIMAL:
		text_format_decimal(strtod(v, NULL), decimals_of(v), out,
				    outsz);
		return;
	case SXF_DATE:
		if (text_format_date(v, out, outsz))
			copy(out, outsz, v);
		return;
	case SXF_BOOL:
		copy(out, outsz, tr(strcmp(v, "1") ? M_NO : M_YES));
		return;
	case SXF_CHOICE:
		label = record_choice_label(f, v,
					    i18n_lang());
		copy(out, outsz, label ? label : v);
		return;
	case SXF_COMMUNE:
		if (db && refdata_unit(db, v, &unit, NULL) == SX_OK)
			copy(out, outsz, unit.name);
		else
			copy(out, outsz, v);
		return;
	case SXF_REF:
		value_ref_title(db, f->ref_kind, v, out, outsz);
		return;
	case SXF_TAXCODE:
		if (strlen(v) == 13)
			snprintf(out, outsz, "%.10s-%s", v, v + 10);
		else
			copy(out, outsz, v);
		return;
	default:
		copy(out, outsz, v);
		return;
	}
}

void value_edit_text(const struct sx_field *f, const char *v, char *out,
		     size_t outsz)
{
	if (!v || !*v) {
		copy(out, outsz, "");
		return;
	}
	switch (f->type) {
	case SXF_DECIMAL:
		text_format_decimal(strtod(v, NULL), decimals_of(v), out,
				    outsz);
		return;
	case SXF_DATE:
		if (text_format_date(v, out, outsz))
			copy(out, outsz, v);
		return;
	case SXF_TAXCODE:
		if (strlen(v) == 13)
			snprintf(out, outsz, "%.10s-%s", v, v + 10);
		else
			copy(out, outsz, v);
		return;
	default:
		copy(out, outsz, v);
		return;
	}
}

void value_show_time(const char *iso_utc, char *out, size_t outsz)
{
	struct tm tm;
	time_t t;
	const char *end;

	memset(&tm, 0, sizeof tm);
	end = iso_utc ? strptime(iso_utc, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end || (*end && strcmp(end, "Z"))) {
		copy(out, outsz, iso_utc);
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(out, outsz, "%d/%m/%Y %H:%M", &tm);
}

/* Whole number typed with or without thousands dots/spaces. */
static int parse_int(const char *s, char **canon)
{
	char buf[32];
	size_t n = 0;

	if (*s == '-' || *s == '+')
		buf[n++] = *s++;
	for (; *s; s++) {
		if (*s == '.' || *s == ' ' || *s == '_')
			continue;
		if (!isdigit((unsigned char)*s) || n + 1 >= sizeof buf)
			return -1;
		buf[n++] = *s;
	}
	buf[n] = 0;
	if (n == 0 || (n == 1 && !isdigit((unsigned char)buf[0])))
		return -1;
	*canon = strdup(buf);
	return *canon ? 0 : -1;
}

static int parse_decimal(const char *s, char **canon)
{
	char buf[64];
	double d;
	char *p;

	if (text_parse_decimal(s, &d))
		return -1;
	snprintf(buf, sizeof buf, "%.6f", d);
	p = buf + strlen(buf) - 1;
	while (*p == '0')
		*p-- = 0;
	if (*p == '.')
		*p = 0;
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	*canon = strdup(buf);
	return *canon ? 0 : -1;
}

/* "1/8/26" → "1/8/2026": a two-digit year typed in a form means 20yy
 * (the rule the date hint states).  Files are read by core without it. */
static int parse_date(const char *s, char iso[11])
{
	char full[32];
	size_t n = strlen(s);

	if (n >= 5 && n + 2 < sizeof full && isdigit((unsigned char)s[n - 1]) &&
	    isdigit((unsigned char)s[n - 2]) &&
	    (s[n - 3] == '/' || s[n - 3] == '.' || s[n - 3] == '-') &&
	    strchr(s, s[n - 3]) != s + n - 3 && strcspn(s, "/.-") <= 2) {
		snprintf(full, sizeof full, "%.*s20%s", (int)(n - 2), s,
			 s + n - 2);
		return text_parse_date(full, iso);
	}
	return text_parse_date(s, iso);
}

int value_parse(const struct sx_field *f, const char *typed, char **canon,
		enum i18n_msg *problem)
{
	char *clean;
	char iso[11];
	int rc = 0;

	*canon = NULL;
	clean = text_clean(typed ? typed : "");
	if (!clean)
		return -1;
	if (!*clean) {
		free(clean);
		return 0;
	}
	switch (f->type) {
	case SXF_INT: case SXF_MONEY: case SXF_YEAR:
		if (parse_int(clean, canon)) {
			*problem = M_BAD_INT;
			rc = -1;
		}
		break;
	case SXF_DECIMAL:
		if (parse_decimal(clean, canon)) {
			*problem = M_BAD_DECIMAL;
			rc = -1;
		}
		break;
	case SXF_DATE:
		if (parse_date(clean, iso)) {
			*problem = M_BAD_DATE;
			rc = -1;
		} else {
			*canon = strdup(iso);
		}
		break;
	default:
		*canon = clean;   /* core normalises the rest */
		clean = NULL;
		break;
	}
	free(clean);
	return rc;
}

/* Title of uuid of kind; a title that is itself a reference (an
 * assessment is named by its facility) is followed depth more steps. */
static void ref_title(struct sx_db *db, enum sx_kind kind, const char *uuid,
		      char *out, size_t outsz, int depth)
{
	const struct sx_kind_def *def = record_kind(kind);
	struct sx_record *rec = NULL;
	const char *t;
	int i;

	copy(out, outsz, "");
	if (!db || !def || !def->title_field || !uuid || !*uuid)
		return;
	if (record_load(db, kind, uuid, &rec, NULL) != SX_OK || !rec)
		return;
	t = record_get(rec, def->title_field);
	i = record_field_index(def, def->title_field);
	if (t && i >= 0 && def->fields[i].type == SXF_REF) {
		if (depth > 0)
			ref_title(db, def->fields[i].ref_kind, t, out, outsz,
				  depth - 1);
	} else {
		copy(out, outsz, t);
	}
	record_free(rec);
}

void value_record_title(struct sx_db *db, const struct sx_record *rec,
			char *out, size_t outsz)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	const char *t = def && def->title_field ?
		record_get(rec, def->title_field) : NULL;
	int i = t ? record_field_index(def, def->title_field) : -1;

	if (i >= 0 && def->fields[i].type == SXF_REF)
		ref_title(db, def->fields[i].ref_kind, t, out, outsz, 1);
	else
		copy(out, outsz, t);
}

void value_ref_title(struct sx_db *db, enum sx_kind kind, const char *uuid,
		     char *out, size_t outsz)
{
	ref_title(db, kind, uuid, out, outsz, 1);
}
