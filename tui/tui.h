/* tui.h — the terminal interface, entered when sxsh runs without a command.
 * lang is "vi" or "en" as chosen by --lang or SXSH_LANG, or NULL when
 * neither was given (then the database's "lang" setting decides, else
 * Vietnamese).  Returns the process exit status. */
#ifndef SXSH_TUI_H
#define SXSH_TUI_H

int tui_run(const char *db_path, const char *lang);

#endif
