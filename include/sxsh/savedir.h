/* savedir.h — where a document for people (the report's PDF and printable
 * HTML) is saved by default, and saving it there.
 *
 * An officer takes the report to the office printer or to the district's
 * leader on a USB stick, so a stick that is mounted wins; otherwise the
 * user's documents folder; otherwise the home folder.
 */
#ifndef SXSH_SAVEDIR_H
#define SXSH_SAVEDIR_H

#include <stddef.h>
#include "sxsh/err.h"

struct sx_db;

/* The default folder into out (outsz bytes):
 *   1. the first folder (by name) under one of media_roots (NULL ends the
 *      list) that is a mount point: a USB stick as desktops mount it
 *      under /media/USER or /run/media/USER;
 *   2. $XDG_DOCUMENTS_DIR, then XDG_DOCUMENTS_DIR in
 *      $HOME/.config/user-dirs.dirs, then $HOME/Documents, when the
 *      folder exists;
 *   3. $HOME, else ".".
 * Returns 1 when a stick was chosen, 0 otherwise. */
int savedir_default(const char *const *media_roots, char *out,
		    size_t outsz);

/* The media roots of the running user: /media/USER, /run/media/USER.
 * Static storage. */
const char *const *savedir_media_roots(void);

/* Saves the report of period into folder as "bao-cao-sxsh-PERIOD.pdf"
 * and ".html": the latest finalised revision when there is one, else the
 * draft (marked as such).  Each file is written whole or not at all
 * (outfile.h).  The HTML is written even when the PDF cannot be made
 * (cairo/pango missing): then SX_INVALID with the PDF's message, and
 * *saved_html = 1.  pdf_path and html_path (may be NULL, 4096 bytes)
 * receive the names written. */
enum sx_err savedir_save_report(struct sx_db *db, const char *period,
				const char *folder, char *pdf_path,
				char *html_path, int *saved_html,
				struct sx_error *err);

#endif
