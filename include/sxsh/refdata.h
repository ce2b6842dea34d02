/* refdata.h — reference data: administrative units, VSIC 2018 sectors, CP
 * technique categories, energy conversion factors, grid CO2 factors, the
 * plan (dates and province targets), report deadlines and each district's
 * T2/T3 share.  Shipped in core/data and loaded into the database at init;
 * the province can send updates through sync. */
#ifndef SXSH_REFDATA_H
#define SXSH_REFDATA_H

#include "sxsh/err.h"

struct sx_db;

/* Loads (or reloads, replacing) every shipped reference table in one
 * transaction.  Called by sx_db_init_district. */
enum sx_err refdata_load_shipped(struct sx_db *db, struct sx_error *err);

struct sx_unit {
	char code[8];
	char level[10];     /* "province", "district", "commune" */
	char name[128];
	char parent_code[8];
};

/* The plan, report deadlines, CP technique categories, energy and grid
 * factors and district targets (refdata_plan.c). */
enum sx_err refdata_plan_load(struct sx_db *db, struct sx_error *err);

struct sx_factors;
/* The shipped energy and grid factors for a year (the grid factor of
 * that year or else the latest earlier one), without a database: the
 * province's consolidated report uses them. */
void refdata_shipped_factors(int year, struct sx_factors *out);

/* Looks a unit up by code.  SX_NOTFOUND when unknown. */
enum sx_err refdata_unit(struct sx_db *db, const char *code,
			 struct sx_unit *out, struct sx_error *err);

/* Finds a commune of the district by code or by name, diacritic- and
 * case-insensitive, with or without its "Xã"/"Phường"/"Thị trấn" prefix.
 * Writes the code into code_out[8].  SX_NOTFOUND when none matches,
 * SX_INVALID when a name matches more than one. */
enum sx_err refdata_find_commune(struct sx_db *db, const char *district,
				 const char *code_or_name, char code_out[8],
				 struct sx_error *err);

/* Calls fn for every unit whose parent is parent_code, in code order. */
enum sx_err refdata_each_child(struct sx_db *db, const char *parent_code,
			       void (*fn)(const struct sx_unit *, void *),
			       void *arg, struct sx_error *err);

/* 1 if code is a VSIC 2018 code (any level), 0 if not, -1 on error.
 * name_out (may be NULL) receives its name. */
int refdata_vsic_exists(struct sx_db *db, const char *code, char *name_out,
			size_t name_sz);

/* TOE per unit of an energy carrier ("electricity_kwh", "coal_t",
 * "oil_t", "biomass_t").  -1 when unknown. */
double refdata_toe_factor(struct sx_db *db, const char *carrier);

/* Grid CO2 emission factor (t CO2 per MWh) for a year: the factor of
 * that year or else the latest earlier one.  -1 when none. */
double refdata_grid_factor(struct sx_db *db, int year);

#endif
