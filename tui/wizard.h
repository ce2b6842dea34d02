/* wizard.h — the first run on an uninitialised database: the district
 * from the shipped list, the operator's name and, optionally, the
 * province server and token, in one form instead of an empty screen. */
#ifndef SXSH_TUI_WIZARD_H
#define SXSH_TUI_WIZARD_H

#include "app.h"

/* Opens the wizard form as app->form.  When it is saved the database is
 * initialised for the district; closing it unsaved quits the program. */
void wizard_open(struct app *app);

#endif
