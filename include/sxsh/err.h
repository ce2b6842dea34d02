/* err.h — error codes and the error record every fallible call fills.
 *
 * A function that can fail returns an enum sx_err and takes a struct
 * sx_error * last (which may be NULL).  The place that fails writes the
 * message once, in English and, where a user will read it, in Vietnamese.
 * The codes map one-to-one onto the program's exit statuses (DESIGN.md).
 */
#ifndef SXSH_ERR_H
#define SXSH_ERR_H

enum sx_err {
	SX_OK = 0,
	SX_NOMEM,     /* out of memory */
	SX_INVALID,   /* bad input from a user, a file or the network */
	SX_DB,        /* local storage failed */
	SX_NET,       /* network or server unavailable; retry later */
	SX_REFUSED,   /* auth, TLS or server refusal */
	SX_CONFLICT,  /* record changed on both sides */
	SX_NOTFOUND,  /* no such record */
	SX_USAGE      /* wrong command-line use */
};

struct sx_error {
	enum sx_err code;
	char field[32];   /* the input field at fault, or "" */
	char msg[256];    /* English, for logs and --lang en */
	char msg_vi[256]; /* Vietnamese, for the user */
};

/* Fills err (if not NULL) and returns code.  msg_vi may be NULL, in which
 * case the English text is used for both. */
enum sx_err sx_error_set(struct sx_error *err, enum sx_err code,
			 const char *field, const char *msg_vi,
			 const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void sx_error_clear(struct sx_error *err);

/* Exit status of DESIGN.md for an error code: 0 ok, 1 usage, 2 invalid
 * input, 3 network, 4 refused, 5 local storage. */
int sx_exit_status(enum sx_err code);

const char *sx_err_name(enum sx_err code);

#endif
