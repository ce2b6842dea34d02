/* record.c — records in memory: creation, values, copies, and the list of
 * validation problems.  Storage is in record_store.c, rules in
 * record_validate.c. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "sxsh/record.h"

struct sx_record *record_new(enum sx_kind kind)
{
	const struct sx_kind_def *def = record_kind(kind);
	struct sx_record *rec;

	if (!def)
		return NULL;
	rec = calloc(1, sizeof *rec);
	if (!rec)
		return NULL;
	rec->kind = kind;
	rec->values = calloc((size_t)def->nfields, sizeof *rec->values);
	if (!rec->values) {
		free(rec);
		return NULL;
	}
	return rec;
}

void record_free(struct sx_record *rec)
{
	const struct sx_kind_def *def;

	if (!rec)
		return;
	def = record_kind(rec->kind);
	for (int i = 0; def && i < def->nfields; i++)
		free(rec->values[i]);
	free(rec->values);
	free(rec);
}

struct sx_record *record_dup(const struct sx_record *rec)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	struct sx_record *copy = record_new(rec->kind);

	if (!copy)
		return NULL;
	memcpy(copy->uuid, rec->uuid, sizeof copy->uuid);
	copy->server_rev = rec->server_rev;
	memcpy(copy->updated_at, rec->updated_at, sizeof copy->updated_at);
	copy->deleted = rec->deleted;
	for (int i = 0; i < def->nfields; i++) {
		if (rec->values[i] && !(copy->values[i] =
					strdup(rec->values[i]))) {
			record_free(copy);
			return NULL;
		}
	}
	return copy;
}

const char *record_get(const struct sx_record *rec, const char *field)
{
	int i = record_field_index(record_kind(rec->kind), field);
	return i < 0 ? NULL : rec->values[i];
}

enum sx_err record_set(struct sx_record *rec, const char *field,
		       const char *value)
{
	int i = record_field_index(record_kind(rec->kind), field);
	char *copy = NULL;

	if (i < 0)
		return SX_INVALID;
	if (value && *value && !(copy = strdup(value)))
		return SX_NOMEM;
	free(rec->values[i]);
	rec->values[i] = copy;
	return SX_OK;
}

/* ---- problems ---------------------------------------------------------- */

void problems_init(struct sx_problems *p)
{
	memset(p, 0, sizeof *p);
}

void problems_release(struct sx_problems *p)
{
	if (!p)
		return;
	free(p->items);
	memset(p, 0, sizeof *p);
}

void problems_clear(struct sx_problems *p)
{
	if (p)
		p->count = 0;
}

void problems_add(struct sx_problems *p, const char *field,
		  const char *msg_vi, const char *msg_en)
{
	struct sx_problem *it;

	if (!p)
		return;
	if (p->count == p->cap) {
		int cap = p->cap ? p->cap * 2 : 8;
		struct sx_problem *grown =
			realloc(p->items, (size_t)cap * sizeof *grown);
		if (!grown)
			return; /* the caller still sees SX_INVALID */
		p->items = grown;
		p->cap = cap;
	}
	it = &p->items[p->count++];
	snprintf(it->field, sizeof it->field, "%s", field ? field : "");
	snprintf(it->msg_vi, sizeof it->msg_vi, "%s", msg_vi);
	snprintf(it->msg_en, sizeof it->msg_en, "%s", msg_en);
}
