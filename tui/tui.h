/* tui.h — the terminal interface, entered when sxsh runs without a command.
 * Returns the process exit status. */
#ifndef SXSH_TUI_H
#define SXSH_TUI_H

int tui_run(const char *db_path, const char *lang);

#endif
