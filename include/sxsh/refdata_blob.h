/* refdata_blob.h — the reference data files of core/data, embedded in the
 * binary at build time (see the Makefile), so that `sxsh init` needs no
 * installed data folder. */
#ifndef SXSH_REFDATA_BLOB_H
#define SXSH_REFDATA_BLOB_H

#include <stddef.h>

struct refdata_blob {
	const char *name;  /* file stem: "sonla_units", "vsic2018", … */
	const char *data;  /* NUL-terminated file content */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct refdata_blob refdata_blobs[];

/* The blob named name, or NULL. */
const struct refdata_blob *refdata_blob_find(const char *name);

#endif
