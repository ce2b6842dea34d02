/* form.h — a form generated from a kind table (record.h): one row per
 * field with its label, a typed input and the validation message beside
 * it.
 *
 * Inputs by field type: text entry (text, phone, tax code, VSIC, numbers
 * typed as 1.234,5 or 1234.5, dates dd/mm/yyyy); a choice list cycled
 * with Space/←→ or chosen by typing the start of a label (choices, yes/no,
 * the communes of the district); a record picker with search (references).
 * Typed values become canonical on save (value.h); record_validate's
 * problems come back beside their fields.  While the form is open its
 * values are written to the form_draft table after every change
 * (draft.h), and the draft is removed when the form is saved or its
 * changes discarded.
 *
 * A form also serves non-record settings (wizard, settings screen) through
 * its own save function over a kind table built for it.
 */
#ifndef SXSH_TUI_FORM_H
#define SXSH_TUI_FORM_H

#include "app.h"
#include "field.h"
#include "sxsh/record.h"

struct form_item {
	const struct sx_field *f;
	struct field edit;              /* text-entry types */
	const struct sx_choice *choices;/* choice types: NULL-key ended */
	struct sx_choice *own_choices;  /* built here (communes), owned */
	char **own_strings;             /* their texts, owned */
	int nchoices;
	int choice;                     /* index, or -1 for empty */
	char *ref;                      /* SXF_REF: uuid, owned */
	char ref_title[200];
	char problem[220];
};

struct form;
/* Saves a form that is not a record form; returns 0 when done (the form
 * then closes), -1 to stay open (problems set on items). */
typedef int (*form_save_fn)(struct app *app, struct form *form);
typedef void (*form_done_fn)(struct app *app, struct form *form,
			     int saved);

struct form {
	const struct sx_kind_def *def;
	struct sx_record *rec;        /* as opened (uuid, rev), owned;
					 * NULL for a custom form */
	struct form_item *items;
	int n;
	int cur, scroll;
	int changed;                  /* something differs from rec */
	int draft_due;                /* a change not in the draft yet */
	long long draft_id;           /* 0: no draft written */
	int use_draft;                /* record forms: 1 */
	form_save_fn save;            /* NULL: record_save */
	form_done_fn done;            /* after close, saved or not; or NULL */
	void *ctx;
	char title[200];
	char intro[400];              /* text above the fields, optional */
	char typeahead[40];
	double typeahead_at;
	int list_open;                /* the current choice's list shows */
	int list_sel, list_top;       /* its highlighted row, first row */
	int cur_y;                    /* the current field's row, drawn */
	int esc_closes_unasked;       /* wizard: Esc never discards */
};

/* Opens a form over rec (copied; NULL: a new record of kind, with
 * preset values from `preset`, may be NULL) and makes it app->form. */
struct form *form_open_record(struct app *app, enum sx_kind kind,
			      const struct sx_record *rec,
			      const struct sx_record *preset);
/* Reopens a draft: rec holds typed texts (draft.h); ownership moves. */
struct form *form_open_draft(struct app *app, struct sx_record *rec,
			     long long draft_id);
/* A custom form over def (which must outlive the form) with initial
 * canonical values (def->nfields entries, NULL for empty; may be NULL). */
struct form *form_open_custom(struct app *app,
			      const struct sx_kind_def *def,
			      const char *const *values, form_save_fn save,
			      form_done_fn done, void *ctx);
/* Replaces the choices of field name with a list owned by the form
 * (keys/labels copied).  n entries. */
int form_set_choices(struct form *form, const char *name,
		     const char *const *keys, const char *const *labels,
		     int n);
/* Canonical value of a field now (malloc'd, NULL when empty or bad). */
char *form_value(struct form *form, const char *name);
void form_set_problem(struct form *form, const char *name, const char *msg);
/* Frees app->form at exit, keeping its draft for the next start. */
void form_abandon(struct app *app);
/* Closes app->form (saved or not) and frees it. */
void form_close(struct app *app, int saved);

/* 1 for fields given as a list of choices (choice, yes/no, commune). */
int form_is_choice(const struct sx_field *f);
/* What the status line says about the field being edited: how to choose,
 * the expected form of a date or a number, or a text's limit in
 * characters and how many are typed (form_draw.c). */
void form_hint(const struct form *form, char *buf, size_t sz);
/* Fields with a message now. */
int form_problem_count(const struct form *form);
void form_draw(struct app *app, struct form *form, int top, int rows);
int form_key(struct app *app, struct form *form, int key);
/* Between key bursts: writes the draft if something changed. */
void form_idle(struct app *app, struct form *form);

extern const struct bar_item form_bar[];

#endif
